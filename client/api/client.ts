import { createHttp, type FetchLike } from './http.js';
import { createAccessApi } from './access.js';
import * as c from './credential-schemas.js';
import * as tpl from './template-schemas.js';
import { createRunControlApi } from './run-control.js';
import { createOpsApi } from './ops.js';
import { createVariablesApi } from './variables.js';
import { createDataStoreApi } from './datastore.js';
import { createTriggersApi } from './triggers.js';
import { scheduleInfoSchema } from './schedule-schemas.js';
import * as t from './types.js';
import type { RunSearch } from '../runs/run-search.js';

const enc = encodeURIComponent;

/** A test event sent with a test run: the parts of a request a trigger sees. */
export interface TestEvent {
  body: unknown;
  headers?: Record<string, unknown>;
  query?: Record<string, unknown>;
  method?: string;
}

export interface RunFilter extends RunSearch {
  limit?: number;
  cursor?: string;
}

/** Every API call the editor makes, typed and parsed. Created once; `fetchImpl` is injectable for tests. */
export function createApi(fetchImpl?: FetchLike, base = '') {
  const { request, requestMaybe } = createHttp(fetchImpl, base);
  return {
    /** People, invitations, sessions, keys and the audit log (api/access.ts). */
    access: createAccessApi({ request, requestMaybe }),
    auth: {
      state: () => request('GET', '/api/auth/state', t.authStateSchema),
      setup: (body: { email: string; name: string; password: string }) => request('POST', '/api/auth/setup', t.userEnvelopeSchema, { body }),
      login: (body: { email: string; password: string }) => request('POST', '/api/auth/login', t.userEnvelopeSchema, { body }),
      logout: () => requestMaybe('POST', '/api/auth/logout', t.anySchema),
    },
    nodeTypes: () => request('GET', '/api/node-types', t.nodeTypesSchema),
    templates: {
      list: () => request('GET', '/api/templates', tpl.templateListSchema),
      /** Creates a workflow from a template; answers the workflow with its trigger URLs. */
      instantiate: (id: string, body: tpl.TemplateChoices) => request('POST', `/api/templates/${enc(id)}/instantiate`, t.workflowDetailSchema, { body }),
    },
    workflows: {
      list: () => request('GET', '/api/workflows', t.workflowListSchema),
      get: (id: string) => request('GET', `/api/workflows/${enc(id)}`, t.workflowDetailSchema),
      create: (definition: unknown) => request('POST', '/api/workflows', t.workflowWriteSchema, { body: definition }),
      /** "Test this step": one step of the saved draft on the sample and the pinned outputs before it. */
      testStep: (id: string, nodeId: string) => request('POST', `/api/workflows/${enc(id)}/test-step`, t.stepTestSchema, { body: { nodeId } }),
      /** Saves the draft; `baseVersion` (the version the edit started from) makes a stale save a 409 CONFLICT. */
      update: (id: string, definition: unknown, baseVersion: number) =>
        request('PUT', `/api/workflows/${enc(id)}`, t.workflowWriteSchema, { body: definition, headers: { 'if-match': String(baseVersion) } }),
      publish: (id: string, message?: string) => request('POST', `/api/workflows/${enc(id)}/publish`, t.workflowWriteSchema, { body: message ? { message } : {} }),
      remove: (id: string) => requestMaybe('DELETE', `/api/workflows/${enc(id)}`, t.anySchema),
      activate: (id: string) => request('POST', `/api/workflows/${enc(id)}/activate`, t.workflowWriteSchema),
      deactivate: (id: string) => request('POST', `/api/workflows/${enc(id)}/deactivate`, t.workflowWriteSchema),
      pause: (id: string) => request('POST', `/api/workflows/${enc(id)}/pause`, t.workflowDetailSchema),
      resume: (id: string) => request('POST', `/api/workflows/${enc(id)}/resume`, t.workflowDetailSchema),
      versions: (id: string) => request('GET', `/api/workflows/${enc(id)}/versions`, t.versionListSchema),
      version: (id: string, version: number) => request('GET', `/api/workflows/${enc(id)}/versions/${version}`, t.versionDetailSchema),
      testRun: (id: string, event?: TestEvent) => request('POST', `/api/workflows/${enc(id)}/test-run`, t.runIdSchema, { body: event ? { event } : {} }),
      /** Long-poll: resolves with the next request to the trigger, or undefined after the server's timeout. */
      listen: (id: string, nodeId: string, signal?: AbortSignal) => requestMaybe('POST', `/api/workflows/${enc(id)}/listen`, t.eventEnvelopeSchema, { body: { nodeId }, signal }),
      sample: (id: string, nodeId: string) => request('GET', `/api/workflows/${enc(id)}/sample?nodeId=${enc(nodeId)}`, t.eventEnvelopeSchema),
      /** A schedule trigger's next ticks, as saved. */
      schedule: (id: string) => request('GET', `/api/workflows/${enc(id)}/schedule`, scheduleInfoSchema),
    },
    runs: {
      list: (f: RunFilter = {}) => {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') q.set(k, String(v));
        const qs = q.toString();
        return request('GET', `/api/runs${qs ? `?${qs}` : ''}`, t.runListSchema);
      },
      get: (id: string) => request('GET', `/api/runs/${enc(id)}`, t.runDetailSchema),
      replay: (id: string) => request('POST', `/api/runs/${enc(id)}/replay`, t.runIdSchema),
    },
    /** Cancel, replay from a step, bulk replay, loop items and frames (api/run-control.ts). */
    runControl: createRunControlApi({ request }),
    /** Storage and retention (settings), per-workflow queue counts (api/ops.ts). */
    ops: createOpsApi({ request }),
    /** Workflow variables (api/variables.ts). */
    variables: createVariablesApi({ request, requestMaybe }),
    /** What workflows remember between runs (api/datastore.ts). */
    datastore: createDataStoreApi({ request, requestMaybe }),
    /** Trigger URL rotation, rate, allow-list and the inbox of refused requests (api/triggers.ts). */
    triggers: createTriggersApi({ request }),
    apiKeys: {
      list: () => request('GET', '/api/api-keys', t.apiKeyListSchema),
      create: (name: string) => request('POST', '/api/api-keys', t.createdKeySchema, { body: { name } }),
      remove: (id: string) => requestMaybe('DELETE', `/api/api-keys/${enc(id)}`, t.anySchema),
    },
    credentials: {
      list: () => request('GET', '/api/credentials', c.credentialListSchema),
      types: () => request('GET', '/api/credentials/types', c.credentialTypesSchema),
      create: (body: c.CredentialCreate) => request('POST', '/api/credentials', c.credentialSchema, { body }),
      update: (id: string, body: c.CredentialChange) => request('PUT', `/api/credentials/${enc(id)}`, c.credentialSchema, { body }),
      remove: (id: string) => requestMaybe('DELETE', `/api/credentials/${enc(id)}`, t.anySchema),
      connect: (id: string) => request('POST', `/api/credentials/${enc(id)}/oauth2/authorize`, c.oauthStartSchema),
    },
  };
}

export type Api = ReturnType<typeof createApi>;

/** The app's API instance (the browser's fetch, same origin). */
export const api: Api = createApi();
