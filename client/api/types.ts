import { z } from 'zod';
import { runStatuses, stepStatuses } from '../../shared/runs/run-status.js';

/** Response shapes of the HTTP API, parsed at the boundary so the UI never trusts raw JSON. */

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string() });
export type User = z.infer<typeof userSchema>;

export const authStateSchema = z.object({ setupRequired: z.boolean(), user: userSchema.nullable() });
export type AuthState = z.infer<typeof authStateSchema>;
export const userEnvelopeSchema = z.object({ user: userSchema });

const jsonObject = z.record(z.string(), z.unknown());

/** Times arrive as epoch milliseconds or ISO strings; the UI always gets ISO strings. */
const ts = z.union([z.string(), z.number()]).transform((v) => (typeof v === 'number' ? new Date(v).toISOString() : v));

export const nodeTypeInfoSchema = z.object({
  type: z.string(),
  version: z.number(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  icon: z.string(),
  kind: z.enum(['trigger', 'step']),
  outputs: z.array(z.object({ id: z.string(), label: z.string() })),
  configSchema: jsonObject,
  defaults: z.unknown(),
});
export type NodeTypeInfo = z.infer<typeof nodeTypeInfoSchema>;
export const nodeTypesSchema = z.object({ nodeTypes: z.array(nodeTypeInfoSchema) });

export const runStatusSchema = z.enum(runStatuses);
export const stepStatusSchema = z.enum(stepStatuses);

export const hookSchema = z.object({ nodeId: z.string(), url: z.string(), testUrl: z.string().optional() });
export type Hook = z.infer<typeof hookSchema>;

export const workflowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number(),
  triggerType: z.string().nullish(),
  tags: z.array(z.string()).default([]),
  createdAt: ts,
  updatedAt: ts,
  hooks: z.array(hookSchema).default([]),
  lastRun: z.object({ id: z.string(), status: runStatusSchema, createdAt: ts }).nullish(),
  runsLastDay: z.number().default(0),
});
export type WorkflowSummary = z.infer<typeof workflowSummarySchema>;
export const workflowListSchema = z.object({ workflows: z.array(workflowSummarySchema) });

/** The answer of "Test this step". */
export const stepTestSchema = z.object({
  nodeId: z.string(),
  status: z.enum(['succeeded', 'failed']),
  output: z.unknown().optional(),
  error: z.object({ code: z.string(), message: z.string() }).passthrough().optional(),
  logs: z.array(z.string()).default([]),
});
export type StepTest = z.infer<typeof stepTestSchema>;

const issueSchema = z.object({
  nodeId: z.string().optional(),
  edgeId: z.string().optional(),
  path: z.string().default(''),
  message: z.string(),
  severity: z.string().optional(),
});

/** The definition is re-validated by the editor with the shared schema, so it is kept loose here. */
export const workflowDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  version: z.number(),
  publishedVersion: z.number().nullish(),
  definition: jsonObject,
  hooks: z.array(hookSchema).default([]),
  issues: z.array(issueSchema).default([]),
  /** Pause and hold: while paused, trigger URLs store events (`heldCount`) that run on resume. */
  paused: z.boolean().default(false),
  heldCount: z.number().default(0),
  createdAt: ts,
  updatedAt: ts,
});
export type WorkflowDetail = z.infer<typeof workflowDetailSchema>;

/** What create/update/activate answer: at least the id and version; the rest is refreshed with a GET. */
export const workflowWriteSchema = z.object({
  id: z.string(),
  version: z.number(),
  publishedVersion: z.number().nullish(),
  active: z.boolean().optional(),
  hooks: z.array(hookSchema).optional(),
});

export const versionListSchema = z.object({ versions: z.array(z.object({ version: z.number(), createdAt: ts })) });
export const versionDetailSchema = z.object({ version: z.number(), definition: jsonObject, createdAt: ts });

export const capturedEventSchema = z.object({
  method: z.string().default('POST'),
  headers: z.record(z.string(), z.unknown()).default({}),
  query: z.record(z.string(), z.unknown()).default({}),
  body: z.unknown(),
  receivedAt: ts.optional(),
});
export type CapturedEvent = z.infer<typeof capturedEventSchema>;
export const eventEnvelopeSchema = z.object({ event: capturedEventSchema });
export const runIdSchema = z.object({ runId: z.string() });

export const runSummarySchema = z.object({
  id: z.string(),
  workflowId: z.string(),
  workflowName: z.string().nullish(),
  version: z.number(),
  status: runStatusSchema,
  createdAt: ts,
  startedAt: ts.nullish(),
  finishedAt: ts.nullish(),
  error: z.unknown().optional(),
  /** A waiting run resumes then (a delay, a retry, a sub-workflow's timeout). */
  wakeAt: ts.nullish(),
  replayOf: z.string().nullish(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;
/** `truncated`: a trigger-value search stopped at its window; `nextCursor` searches on from `searchedBackTo`. */
export const runListSchema = z.object({ runs: z.array(runSummarySchema), nextCursor: z.string().nullish(), truncated: z.boolean().optional(), searchedBackTo: ts.nullish() });

export const attemptSchema = z.object({
  attempt: z.number(),
  status: stepStatusSchema,
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  logs: z.unknown().optional(),
  detail: z.unknown().optional(),
  startedAt: ts.nullish(),
  finishedAt: ts.nullish(),
  nextAttemptAt: ts.nullish(),
});
export type Attempt = z.infer<typeof attemptSchema>;

export const stepSchema = z.object({
  nodeId: z.string(),
  type: z.string().nullish(),
  status: stepStatusSchema,
  attempt: z.number().default(1),
  attempts: z.array(attemptSchema).default([]),
  input: z.unknown().optional(),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  logs: z.unknown().optional(),
  startedAt: ts.nullish(),
  finishedAt: ts.nullish(),
  nextAttemptAt: ts.nullish(),
});
export type Step = z.infer<typeof stepSchema>;

export const runDetailSchema = runSummarySchema.extend({
  /** The loop item these steps belong to ('' for the top level). */
  frame: z.string().default(''),
  /** A sub-workflow's run: the run and step that called it. */
  parentRunId: z.string().nullish(),
  parentNodeId: z.string().nullish(),
  definition: jsonObject.nullish(),
  steps: z.array(stepSchema).default([]),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().nullish(),
  createdAt: ts,
  lastUsedAt: ts.nullish(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });
export const createdKeySchema = z.object({ id: z.string(), name: z.string(), key: z.string() });
export const anySchema = z.unknown();
