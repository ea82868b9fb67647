import type { z } from 'zod';

/** Palette groups, in the order the editor shows them. */
export const nodeCategories = ['triggers', 'logic', 'code', 'actions', 'apps'] as const;
export type NodeCategory = (typeof nodeCategories)[number];

/** One output handle of a node; edges name it in `sourceHandle`. */
export interface NodeOutput {
  id: string;
  label: string;
}

/** The id of the single output of ordinary nodes; edges may omit it. */
export const DEFAULT_OUTPUT = 'out';

/** The extra output of a step whose `onFailure` is `branch`: taken when the step fails for good. */
export const ERROR_OUTPUT = 'error';

/**
 * Everything the editor and the server know about one node type: how it is drawn, what it
 * is configured with, where its edges may go. The server pairs it with a runner.
 */
export interface NodeTypeDescriptor<S extends z.ZodType = z.ZodType> {
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  /** A short symbol the editor draws on the node (an emoji keeps the bundle small). */
  icon: string;
  /** Triggers start runs; every workflow has exactly one. */
  kind: 'trigger' | 'step';
  outputs: readonly NodeOutput[];
  /** Outputs that depend on the config (a switch's cases); `outputs` is used when absent or the config is invalid. */
  outputsFor?: (config: z.output<S>) => readonly NodeOutput[];
  configSchema: S;
  /** The config a freshly dropped node starts with; must pass `configSchema`. */
  defaults: z.input<S>;
  /** One line describing a config, shown on the canvas. */
  summarize: (config: z.output<S>) => string;
}

/** Declares a node type; the identity function exists so the config type is inferred. */
export function defineNodeType<S extends z.ZodType>(d: NodeTypeDescriptor<S>): NodeTypeDescriptor<S> {
  return d;
}

/** The outputs a node has with this config: its type's `outputsFor` when the config is valid, else the static list. */
export function nodeOutputs(d: NodeTypeDescriptor, config: unknown): readonly NodeOutput[] {
  if (!d.outputsFor) return d.outputs;
  const parsed = d.configSchema.safeParse(config);
  return parsed.success ? d.outputsFor(parsed.data) : d.outputs;
}

export const singleOutput: readonly NodeOutput[] = [{ id: DEFAULT_OUTPUT, label: 'Next' }];
