import type { Role } from '../store/ports/users.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route needs: nothing (sign-in and invitation pages), or a role and whether it changes anything. */
export type Need = { kind: 'public' } | { kind: 'role'; role: Role; writes: boolean };

/**
 * How a change is audited. A spec names the action and the kind of thing (see audit-targets);
 * `'service'` means the service records it inside its own transaction; `false` means the
 * route changes nothing worth a log line (test runs, listening). Unlisted writes get a generic entry.
 */
export type AuditSpec = { action: string; target: string; idParam?: string; idFromResult?: string; result?: (body: unknown) => Record<string, unknown> } | 'service' | false;

/** One row of the rights table. Paths are relative to /api, with `:name` for a segment. */
export interface RouteRight {
  method: Method;
  path: string;
  need: Need;
  audit?: AuditSpec;
}

const pub: Need = { kind: 'public' };
/** Reading: allowed to read-only keys. */
const read = (role: Role = 'viewer'): Need => ({ kind: 'role', role, writes: false });
/** Changing something: refused to read-only keys whatever their user's role. */
const write = (role: Role): Need => ({ kind: 'role', role, writes: true });
const pick =
  (...keys: string[]) =>
  (body: unknown): Record<string, unknown> =>
    typeof body === 'object' && body !== null ? Object.fromEntries(keys.filter((k) => k in body).map((k) => [k, (body as Record<string, unknown>)[k]])) : {};

/**
 * Every /api route and who may call it: the single place rights are decided. Viewers read
 * workflows and runs; editors build, run and use credentials (never reading values back);
 * owners also manage people, delete credentials and read the audit log. Anything signed in
 * may manage its own sessions, password and keys. A route missing here is owner-only at run
 * time, and the route walk test fails until it is listed.
 */
export const rightsTable: readonly RouteRight[] = [
  // Signing in, first-run setup and one-time links: no session yet.
  { method: 'GET', path: '/auth/state', need: pub },
  { method: 'POST', path: '/auth/setup', need: pub, audit: 'service' },
  { method: 'POST', path: '/auth/login', need: pub, audit: 'service' },
  { method: 'POST', path: '/auth/logout', need: pub, audit: false },
  { method: 'GET', path: '/auth/invites/:token', need: pub },
  { method: 'POST', path: '/auth/invites/:token/accept', need: pub, audit: 'service' },
  { method: 'GET', path: '/auth/resets/:token', need: pub },
  { method: 'POST', path: '/auth/resets/:token', need: pub, audit: 'service' },

  // One's own account, whatever the role.
  { method: 'GET', path: '/auth/sessions', need: read() },
  { method: 'DELETE', path: '/auth/sessions/:id', need: write('viewer'), audit: 'service' },
  { method: 'POST', path: '/auth/sign-out-everywhere', need: write('viewer'), audit: 'service' },
  { method: 'PUT', path: '/auth/password', need: write('viewer'), audit: 'service' },
  { method: 'GET', path: '/api-keys', need: read() },
  { method: 'POST', path: '/api-keys', need: write('viewer'), audit: 'service' },
  { method: 'DELETE', path: '/api-keys/:id', need: write('viewer'), audit: 'service' },

  // People and the audit log: owners.
  { method: 'GET', path: '/users', need: read('owner') },
  { method: 'PATCH', path: '/users/:id', need: write('owner'), audit: 'service' },
  { method: 'DELETE', path: '/users/:id', need: write('owner'), audit: 'service' },
  { method: 'POST', path: '/users/:id/reset-link', need: write('owner'), audit: 'service' },
  { method: 'GET', path: '/invites', need: read('owner') },
  { method: 'POST', path: '/invites', need: write('owner'), audit: 'service' },
  { method: 'DELETE', path: '/invites/:id', need: write('owner'), audit: 'service' },
  { method: 'GET', path: '/audit', need: read('owner') },

  // Installation settings: owners. The egress allow-list widens what outbound steps may reach.
  { method: 'GET', path: '/settings/egress', need: read('owner') },
  { method: 'PUT', path: '/settings/egress', need: write('owner'), audit: 'service' },

  // Workflows.
  { method: 'GET', path: '/workflows', need: read() },
  { method: 'POST', path: '/workflows', need: write('editor'), audit: { action: 'workflow.create', target: 'workflow', idFromResult: 'id' } },
  { method: 'GET', path: '/workflows/:id', need: read() },
  { method: 'PUT', path: '/workflows/:id', need: write('editor'), audit: { action: 'workflow.update', target: 'workflow' } },
  { method: 'DELETE', path: '/workflows/:id', need: write('editor'), audit: { action: 'workflow.delete', target: 'workflow' } },
  { method: 'POST', path: '/workflows/:id/activate', need: write('editor'), audit: { action: 'workflow.activate', target: 'workflow' } },
  { method: 'POST', path: '/workflows/:id/deactivate', need: write('editor'), audit: { action: 'workflow.deactivate', target: 'workflow' } },
  { method: 'POST', path: '/workflows/:id/pause', need: write('editor'), audit: { action: 'workflow.pause', target: 'workflow' } },
  { method: 'POST', path: '/workflows/:id/resume', need: write('editor'), audit: { action: 'workflow.resume', target: 'workflow' } },
  { method: 'POST', path: '/workflows/:id/publish', need: write('editor'), audit: { action: 'workflow.publish', target: 'workflow' } },
  { method: 'POST', path: '/workflows/:id/unpublish', need: write('editor'), audit: { action: 'workflow.unpublish', target: 'workflow' } },
  { method: 'GET', path: '/workflows/:id/versions', need: read() },
  // Holds the values of the plain variables the workflow reads: editors and owners, as for /variables.
  { method: 'GET', path: '/workflows/:id/export', need: read('editor') },
  { method: 'POST', path: '/workflows/import', need: write('editor'), audit: { action: 'workflow.import', target: 'workflow', idParam: 'none' } },
  { method: 'GET', path: '/workflows/:id/versions/:version', need: read() },
  { method: 'POST', path: '/workflows/:id/test-run', need: write('editor'), audit: false },
  { method: 'POST', path: '/workflows/:id/test-step', need: write('editor'), audit: false },
  { method: 'POST', path: '/workflows/:id/run', need: write('editor'), audit: false },
  { method: 'POST', path: '/workflows/:id/listen', need: write('editor'), audit: false },
  { method: 'GET', path: '/workflows/:id/sample', need: read() },
  { method: 'GET', path: '/workflows/:id/schedule', need: read() },
  { method: 'GET', path: '/workflows/:id/triggers', need: read() },
  { method: 'POST', path: '/workflows/:id/triggers/:nodeId/rotate', need: write('editor'), audit: { action: 'trigger.rotate', target: 'workflow' } },
  { method: 'GET', path: '/workflows/:id/triggers/:nodeId/rejections', need: read() },
  { method: 'GET', path: '/workflows/:id/rejections', need: read() },

  // Runs.
  { method: 'GET', path: '/runs', need: read() },
  { method: 'POST', path: '/runs/replay', need: write('editor'), audit: { action: 'run.bulk_replay', target: 'run', result: pick('count', 'truncated') } },
  { method: 'GET', path: '/runs/:id', need: read() },
  { method: 'GET', path: '/runs/:id/loops/:nodeId/items', need: read() },
  { method: 'POST', path: '/runs/:id/cancel', need: write('editor'), audit: { action: 'run.cancel', target: 'run' } },
  { method: 'POST', path: '/runs/:id/replay', need: write('editor'), audit: { action: 'run.replay', target: 'run', result: pick('runId') } },

  // Catalog and templates (instantiating one creates a workflow).
  { method: 'GET', path: '/node-types', need: read() },
  { method: 'GET', path: '/templates', need: read() },
  { method: 'GET', path: '/templates/:id', need: read() },
  // Importing from n8n: a preview changes nothing; with ?save=true it creates a workflow.
  { method: 'POST', path: '/import/n8n', need: write('editor'), audit: { action: 'workflow.import', target: 'workflow', idParam: 'none', idFromResult: 'id' } },
  { method: 'POST', path: '/templates/:id/instantiate', need: write('editor'), audit: { action: 'workflow.create', target: 'workflow', idParam: 'none', idFromResult: 'id' } }, // `:id` names the template

  // Operations: numbers anyone may read; maintenance only owners start.
  { method: 'GET', path: '/queue', need: read() },
  { method: 'GET', path: '/system/storage', need: read() },
  { method: 'POST', path: '/system/retention/sweep', need: write('owner'), audit: { action: 'system.retention_sweep', target: 'system' } },
  { method: 'POST', path: '/system/maintenance', need: write('owner'), audit: { action: 'system.maintenance', target: 'system' } },

  // Credentials: names and types are visible to all; values to nobody. Editors create and
  // replace values (write-only); deleting breaks every trigger and step using it: owners only.
  { method: 'GET', path: '/credentials', need: read() },
  { method: 'GET', path: '/credentials/types', need: read() },
  { method: 'GET', path: '/credentials/:id', need: read() },
  { method: 'POST', path: '/credentials', need: write('editor'), audit: { action: 'credential.create', target: 'credential', idFromResult: 'id' } },
  { method: 'PUT', path: '/credentials/:id', need: write('editor'), audit: { action: 'credential.update', target: 'credential' } },
  { method: 'DELETE', path: '/credentials/:id', need: write('owner'), audit: { action: 'credential.delete', target: 'credential' } },
  // OAuth2: starting a connect flow (the callback itself is a page outside /api) and forgetting the tokens.
  { method: 'POST', path: '/credentials/:id/oauth2/authorize', need: write('editor'), audit: { action: 'credential.connect', target: 'credential' } },
  { method: 'DELETE', path: '/credentials/:id/oauth2', need: write('editor'), audit: { action: 'credential.disconnect', target: 'credential' } },

  // Variables: names are visible to all, plain values to editors and owners, secret values to nobody.
  { method: 'GET', path: '/variables', need: read() },
  { method: 'POST', path: '/variables', need: write('editor'), audit: { action: 'variable.create', target: 'variable', idParam: 'none', idFromResult: 'name' } },
  { method: 'PUT', path: '/variables/:name', need: write('editor'), audit: { action: 'variable.update', target: 'variable', idParam: 'name' } },
  { method: 'DELETE', path: '/variables/:name', need: write('editor'), audit: { action: 'variable.delete', target: 'variable', idParam: 'name' } },

  // Outbound endpoint health.
  { method: 'GET', path: '/endpoints', need: read() },
  { method: 'GET', path: '/endpoints/:id', need: read() },
  { method: 'POST', path: '/endpoints/:id/enable', need: write('editor'), audit: { action: 'endpoint.enable', target: 'endpoint' } },

  // The data store: what workflows remember between runs. Editors change it, as the workflows do.
  { method: 'GET', path: '/datastore', need: read() },
  { method: 'GET', path: '/datastore/:scope/:key', need: read() },
  { method: 'PUT', path: '/datastore/:scope/:key', need: write('editor'), audit: { action: 'datastore.set', target: 'datastore', idParam: 'key' } },
  { method: 'DELETE', path: '/datastore/:scope/:key', need: write('editor'), audit: { action: 'datastore.delete', target: 'datastore', idParam: 'key' } },
];

/** What an unlisted route needs: the owner, with full rights. Safe by default; the route walk test flags it. */
export const unlistedNeed: Need = write('owner');
