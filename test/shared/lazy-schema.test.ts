import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { credentialTypes } from '../../shared/credentials/credential-types.js';
import { lazySchema } from '../../shared/lazy-schema.js';
import { nodeTypes } from '../../shared/nodes/registry.js';

/** True while zod has not asked a lazy schema's builder yet (it keeps a getter until then). */
const notBuiltYet = (schema: z.ZodType) => typeof Object.getOwnPropertyDescriptor(schema._zod, 'innerType')?.get === 'function';

describe('lazySchema', () => {
  // First, before anything in this file parses with them: loading the modules built none.
  it('leaves every node type config and every credential form unbuilt until used', () => {
    const unbuilt = [...Object.values(nodeTypes).map((d) => d.configSchema), ...Object.values(credentialTypes).map((d) => d.schema)].filter(notBuiltYet);
    expect(unbuilt.length).toBe(Object.keys(nodeTypes).length + Object.keys(credentialTypes).length);
  });

  it('builds a schema once, on first use, whoever asks, and parses as the schema it built', () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds += 1;
      return z.object({ name: z.string().min(1), size: z.number().int().default(3), note: z.string().optional() });
    });
    const wrapped = z.object({ item: schema.optional() });
    expect(builds).toBe(0);
    expect(schema.parse({ name: 'a' })).toEqual({ name: 'a', size: 3 });
    expect(wrapped.parse({})).toEqual({});
    const failed = wrapped.safeParse({ item: { name: '', size: 1.5 } });
    expect(failed.error?.issues.map((i) => i.path)).toEqual([
      ['item', 'name'],
      ['item', 'size'],
    ]);
    // zod's JSON Schema generator calls a lazy schema's builder again on every walk.
    z.toJSONSchema(wrapped, { io: 'input' });
    z.toJSONSchema(wrapped, { io: 'output' });
    expect(builds).toBe(1);
  });

  it('gives the editor the same JSON Schema, and the defaults the same answer, as the schema it builds, for every node type and credential type', () => {
    const forms = (s: z.ZodType) => [z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }), z.toJSONSchema(s, { io: 'output', unrepresentable: 'any' })];
    for (const d of Object.values(nodeTypes)) {
      const schema = d.configSchema as z.ZodLazy<z.ZodType>;
      expect([d.type, ...forms(schema)]).toEqual([d.type, ...forms(schema.unwrap())]);
      expect(JSON.stringify(schema.safeParse(d.defaults))).toBe(JSON.stringify(schema.unwrap().safeParse(d.defaults)));
    }
    for (const d of Object.values(credentialTypes)) {
      const schema = d.schema as z.ZodLazy<z.ZodType>;
      expect([d.type, ...forms(schema)]).toEqual([d.type, ...forms(schema.unwrap())]);
    }
  });
});
