import { z } from 'zod';

/**
 * A schema built the first time it is used, rather than when its module loads.
 *
 * zod 4 builds every schema eagerly, and on Node 20 each step of a definition (`z.string()`,
 * `.min(1)`, `.optional()`) costs about 10 us and a few hundred bytes that outlive the start.
 * Node types and credential types are the bulk: 1,400 of the 2,600 schemas that a server start
 * built. Most of them wait for someone to save a workflow, or for a step of that type to run.
 *
 * This is `z.lazy`, which zod also uses for recursive schemas. Parsing, issues and their paths,
 * defaults, `.optional()` around it and the JSON Schema are those of the schema it builds. zod
 * keeps what parsing builds, but some of its walks call the builder again (the JSON Schema
 * generator does, for every lazy schema it meets), so the schema is kept here too: it is built
 * once, whoever asks.
 */
export function lazySchema<T extends z.ZodType>(build: () => T): z.ZodLazy<T> {
  let schema: T | undefined;
  return z.lazy(() => (schema ??= build()));
}
