import { diffDefinitions } from './audit-diff.js';

/** A thing's state as the audit log keeps it: a name to show and a JSON state without secrets. */
export interface Snapshot {
  name: string | null;
  state: Record<string, unknown>;
}

/** How the audit recorder reads one kind of thing the API changes. */
export interface AuditTarget {
  snapshot(id: string): Promise<Snapshot | undefined>;
  /** When both sides exist: the compact before/after and the list of changes. */
  compare?(before: Snapshot, after: Snapshot): { before: unknown; after: unknown; changes: unknown };
  /** What may be kept of the request itself: field names only, never values. */
  request?(body: unknown): unknown;
}

export interface AuditTargetSources {
  workflow(id: string): Promise<{ name: string; active: boolean; version: number; definition: unknown } | undefined>;
  /** Credential metadata; the sealed data must not be passed in. */
  credential(id: string): Promise<{ name: string; type: string } | undefined>;
  run(id: string): Promise<{ status: string; workflowId: string } | undefined>;
  /** A variable's name and secret flag; never its value. */
  variable?(name: string): Promise<{ name: string; secret: boolean } | undefined>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The field names a credential change touched (never their values), and whether it rotated. */
function credentialRequest(body: unknown): unknown {
  if (!isObject(body)) return undefined;
  const data = isObject(body.data)
    ? Object.keys(body.data)
        .slice(0, 50)
        .map((k) => k.slice(0, 100))
    : [];
  return { fields: data, ...(body.rotate === true ? { rotate: true } : {}), ...(typeof body.name === 'string' ? { renamed: true } : {}) };
}

/**
 * The audit targets of the routes other modules own: workflows (full definition on create and
 * delete, a field-level diff on change), credentials (name and type only) and runs.
 */
export function createAuditTargets(src: AuditTargetSources): Record<string, AuditTarget> {
  return {
    workflow: {
      async snapshot(id) {
        const w = await src.workflow(id);
        return w && { name: w.name, state: { name: w.name, active: w.active, version: w.version, definition: w.definition } };
      },
      compare(before, after) {
        const head = (s: Snapshot) => ({ name: s.state.name, active: s.state.active, version: s.state.version });
        return { before: head(before), after: head(after), changes: diffDefinitions(before.state.definition, after.state.definition) };
      },
    },
    credential: {
      async snapshot(id) {
        const c = await src.credential(id);
        return c && { name: c.name, state: { name: c.name, type: c.type } };
      },
      request: credentialRequest,
    },
    run: {
      async snapshot(id) {
        const r = await src.run(id);
        return r && { name: null, state: { status: r.status, workflowId: r.workflowId } };
      },
    },
    variable: {
      async snapshot(name) {
        const v = await src.variable?.(name);
        return v && { name: v.name, state: { name: v.name, secret: v.secret } };
      },
      // Which fields a change sent, never the value itself (a plain one may still be sensitive).
      request: (body) => (isObject(body) ? { fields: Object.keys(body).filter((k) => k === 'value' || k === 'secret') } : undefined),
    },
  };
}
