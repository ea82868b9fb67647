import { z } from 'zod';
import { retentionSettingsSchema } from './retention-settings.js';
import { searchPathsSchema } from './search-paths.js';
import { lazySchema } from '../lazy-schema.js';

/** Node and edge ids: chosen by the client, stable across saves, safe in URLs and expressions. */
export const graphIdSchema = lazySchema(() =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'use letters, digits, "_" or "-", starting with a letter or "_"'),
);

export const positionSchema = lazySchema(() =>
  z.object({
    x: z.number().finite().min(-1e6).max(1e6),
    y: z.number().finite().min(-1e6).max(1e6),
  }),
);

/** One node of the graph, shaped like a React Flow node; `config` is checked against the node type's schema. */
export const workflowNodeSchema = lazySchema(() =>
  z.object({
    id: graphIdSchema,
    type: z.string().min(1).max(64),
    position: positionSchema,
    label: z.string().max(200).optional(),
    config: z.record(z.string(), z.unknown()).default({}),
    /**
     * What a step's final failure does: `fail` the run (default), `continue` down the normal
     * output with `{error}` as the output, or take the `error` output (an error branch).
     */
    onFailure: z.enum(['fail', 'continue', 'branch']).optional(),
  }),
);

/** A directed edge; `sourceHandle` picks one output of the source (a branch's "true"/"false"). */
export const workflowEdgeSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1).max(200),
    source: graphIdSchema,
    target: graphIdSchema,
    sourceHandle: z.string().max(64).nullish(),
    targetHandle: z.string().max(64).nullish(),
  }),
);

export const workflowSettingsSchema = lazySchema(() =>
  z
    .object({
      /** How many runs of this workflow may execute at once. */
      concurrency: z.number().int().min(1).max(1000).optional(),
      /** How long finished runs are kept (see docs/operations.md); absent limits use the server's defaults. */
      retention: retentionSettingsSchema.optional(),
      /** A workflow started with a summary of every run of this one that fails (see docs/flow-control.md). */
      errorWorkflowId: z.string().trim().min(1).max(100).optional(),
      /** Trigger-body paths runs are searched by, each kept indexed (see search-paths.ts). */
      searchPaths: searchPathsSchema.optional(),
    })
    .default({}),
);

/** A sticky note on the canvas: documentation only, never executed, kept beside the graph. */
export const workflowNoteSchema = lazySchema(() =>
  z.object({
    id: z.string().min(1).max(64),
    position: positionSchema,
    text: z.string().max(10_000),
    width: z.number().finite().min(40).max(4000).optional(),
    height: z.number().finite().min(40).max(4000).optional(),
  }),
);

/** A workflow's tag: a short label to group and find workflows by ("billing", "team:ops"). */
export const workflowTagSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[^,\u0000-\u001f]+$/, 'a tag has no commas or control characters'),
);

/** Tags, each once (compared without regard to case). */
export const workflowTagsSchema = lazySchema(() =>
  z
    .array(workflowTagSchema)
    .max(20)
    .refine((tags) => new Set(tags.map((t) => t.toLowerCase())).size === tags.length, 'each tag once'),
);

/** Largest pinned data kept with a workflow, as JSON (all pinned outputs together). */
export const MAX_PINNED_BYTES = 1_000_000;

/**
 * Pinned outputs by node id: in a test run (Test run, the test URL) a pinned step is not
 * executed, its pinned output is used instead. Live runs ignore them.
 */
export const pinnedOutputsSchema = lazySchema(() =>
  z.record(graphIdSchema, z.unknown()).refine((p) => JSON.stringify(p).length <= MAX_PINNED_BYTES, `pinned data is ${MAX_PINNED_BYTES} bytes of JSON at most`),
);

export const MAX_NODES = 2000;
export const MAX_EDGES = 5000;

/** The workflow definition a person saves: the graph plus a name. */
export const workflowDefinitionSchema = lazySchema(() =>
  z.object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000).optional(),
    /** Labels to find the workflow by (`GET /api/workflows?tag=`); they change nothing about how it runs. */
    tags: workflowTagsSchema.optional(),
    nodes: z.array(workflowNodeSchema).max(MAX_NODES),
    edges: z.array(workflowEdgeSchema).max(MAX_EDGES).default([]),
    settings: workflowSettingsSchema,
    /** Pinned step outputs for test runs (see pinnedOutputsSchema). */
    pinned: pinnedOutputsSchema.optional(),
    /** Sticky notes drawn by the editor (optional; engines ignore them). */
    notes: z.array(workflowNoteSchema).max(500).optional(),
  }),
);

export type WorkflowNode = z.infer<typeof workflowNodeSchema>;
export type WorkflowEdge = z.infer<typeof workflowEdgeSchema>;
export type WorkflowNote = z.infer<typeof workflowNoteSchema>;
export type WorkflowDefinition = z.infer<typeof workflowDefinitionSchema>;
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;
