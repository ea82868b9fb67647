import { z } from 'zod';
import { checkCodeSyntax } from '../graph/expression-syntax.js';
import { defineNodeType, singleOutput } from './define-node-type.js';
import { lazySchema } from '../lazy-schema.js';

/** Sandbox limits a person can see and change per step (see docs/code-and-expressions.md). */
export const sandboxLimitsSchema = lazySchema(() =>
  z.object({
    /** Heap of the isolate the code runs in, in MB; past it the step fails with `memory_limit`. */
    memoryMb: z.number().int().min(8).max(128).default(64),
    /** Time the code may run, in ms, awaits included; past it the step fails with `timeout`. */
    timeoutMs: z.number().int().min(10).max(30_000).default(1_000),
  }),
);

export const codeConfigSchema = lazySchema(() =>
  z
    .object({
      /** The body of an async function; reads `trigger`, `input`, `steps`; its return value is the output. */
      code: z
        .string()
        .max(200_000)
        .superRefine((code, ctx) => {
          // Caught on save with the line, instead of on the first run.
          const problem = checkCodeSyntax(code);
          if (problem) ctx.addIssue({ code: 'custom', message: `Syntax error. ${problem}` });
        }),
    })
    .extend(sandboxLimitsSchema.unwrap().shape),
);
export type CodeConfig = z.infer<typeof codeConfigSchema>;

export const codeNode = defineNodeType({
  type: 'code',
  version: 1,
  title: 'Code',
  description: 'Runs JavaScript in a sandbox to reshape data.',
  category: 'code',
  icon: '{}',
  kind: 'step',
  outputs: singleOutput,
  configSchema: codeConfigSchema,
  defaults: { code: 'return { ...input };' },
  summarize: (c) =>
    c.code
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim()
      .slice(0, 60) ?? 'empty',
});
