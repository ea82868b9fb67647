import { AppError } from '../../shared/errors.js';
import { getCredentialType, secretValuesOf, type CredentialType, type TypedCredential } from '../../shared/credentials/credential-types.js';
import type { CredentialMeta, SealedCredential } from '../store/ports/credentials.js';
import { CorruptRowError } from '../store/ports/corrupt-row.js';
import type { Store } from '../store/ports/store.js';
import type { Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { CredentialKeyError, type CredentialCipher } from './credential-cipher.js';
import { createInputSchema, parseData, parseRequest, updateInputSchema } from './credential-input.js';

/** What any route may show about a credential: never its data. */
export type CredentialView = CredentialMeta;

/** A decrypted credential, for the verifier, signing and (later) app actions. Never leaves the server. */
export type ReadCredential = TypedCredential & { id: string; name: string };

export interface CredentialServiceDeps {
  store: Pick<Store, 'credentials'>;
  cipher: CredentialCipher;
  clock: Clock;
  /** A change made through this service is committed (other processes sharing the database reload theirs). */
  onCommitted?: () => void;
}

const view = (r: CredentialMeta): CredentialView => ({ id: r.id, name: r.name, type: r.type, createdAt: r.createdAt, updatedAt: r.updatedAt });
const notFound = (id: string) => new AppError('NOT_FOUND', 404, `No credential ${id.slice(0, 100)} exists; list them with GET /api/credentials.`);

/**
 * Credentials: typed data, sealed with AES-256-GCM before it reaches the store. Only `read` and
 * `secretValues` see plaintext, and neither is exposed by a route. Nothing here logs data.
 *
 * `secretValues` is synchronous (redaction runs while a step is recorded), so the values are
 * kept in memory: `load` reads them once at start, and every change made through this service
 * reads them again before it resolves. Per-process state (docs/architecture.md): with several
 * processes, `onCommitted` tells the others, which `reload` (docs/scale-out.md).
 */
export function createCredentialService(deps: CredentialServiceDeps) {
  const listeners = new Set<() => void>();
  let secretCache: string[] | null = null;
  const reload = async () => {
    secretCache = await readSecretValues();
    for (const l of listeners) l();
  };
  const changed = async () => {
    await reload();
    deps.onCommitted?.();
  };

  const seal = (id: string, data: Record<string, unknown>) => deps.cipher.seal(id, Buffer.from(JSON.stringify(data), 'utf8'));

  /** Decrypts and checks a row; throws CredentialKeyError or CorruptRowError when it cannot. */
  function open(row: SealedCredential): ReadCredential {
    const descriptor = getCredentialType(row.type);
    if (!descriptor) throw new CorruptRowError('credentials', row.id, new Error(`unknown type ${row.type}`));
    let raw: unknown;
    try {
      raw = JSON.parse(deps.cipher.open(row.id, row).toString('utf8'));
    } catch (e) {
      if (e instanceof SyntaxError) throw new CorruptRowError('credentials', row.id, new Error('decrypted data is not JSON'));
      throw e;
    }
    const parsed = descriptor.schema.safeParse(raw);
    // The zod error would quote paths only, but keep even those out: a corrupt row says which row, not what.
    if (!parsed.success) throw new CorruptRowError('credentials', row.id, new Error('decrypted data does not match its type'));
    return { id: row.id, name: row.name, type: row.type, data: parsed.data } as ReadCredential;
  }

  /**
   * The stored data to merge a change over. When this key cannot open it (the secret key was
   * replaced), new data may still replace it whole; anything else is a 409 saying what to do.
   */
  function openForChange(row: SealedCredential, replacing: boolean): ReadCredential | null {
    try {
      return open(row);
    } catch (e) {
      if (!(e instanceof CredentialKeyError) && !(e instanceof CorruptRowError)) throw e;
      if (replacing) return null;
      const why = e instanceof CredentialKeyError ? e.message : `Credential ${row.id} is stored in a shape this version cannot read.`;
      throw new AppError('CONFLICT', 409, `${why} Send PUT with the complete data to replace it.`);
    }
  }

  /** Every secret value stored; unreadable rows are skipped. */
  async function readSecretValues(): Promise<string[]> {
    const out = new Set<string>();
    for (const row of await deps.store.credentials.all()) {
      let c: ReadCredential;
      try {
        c = open(row);
      } catch {
        continue;
      }
      for (const v of secretValuesOf(c.type, c.data, (t) => Buffer.from(t, 'utf8').toString('base64'))) out.add(v);
    }
    return [...out];
  }

  return {
    list: async (): Promise<CredentialView[]> => (await deps.store.credentials.list()).map(view),

    async get(id: string): Promise<CredentialView> {
      const row = await deps.store.credentials.get(id);
      if (!row) throw notFound(id);
      return view(row);
    },

    async create(input: unknown): Promise<CredentialView> {
      const { name, type, data } = parseRequest(createInputSchema, input);
      const clean = parseData(type, data);
      const now = deps.clock.now();
      const id = newId('cred', now);
      await deps.store.credentials.insert({ id, name, type, ...seal(id, clean), createdAt: now, updatedAt: now });
      await changed();
      return { id, name, type, createdAt: now, updatedAt: now };
    },

    async update(id: string, input: unknown): Promise<CredentialView> {
      const change = parseRequest(updateInputSchema, input);
      const row = await deps.store.credentials.get(id);
      if (!row) throw notFound(id);
      const current = openForChange(row, change.data !== undefined && !change.rotate);
      const type = (change.type ?? row.type) as CredentialType;
      if (type !== row.type && change.data === undefined) {
        throw new AppError('BAD_REQUEST', 400, 'Changing the type of a credential needs its new data as well.');
      }
      let next: Record<string, unknown> = current && type === current.type ? { ...current.data } : {};
      for (const [k, v] of Object.entries(change.data ?? {})) {
        if (k === '__proto__') continue; // no type has such a field; assigning it would swap next's prototype
        if (v === null) delete next[k];
        else next[k] = v;
      }
      if (change.rotate && current) next = rotated(current, type, next, change.data ?? {});
      const clean = parseData(type, next);
      const now = deps.clock.now();
      const name = change.name ?? row.name;
      await deps.store.credentials.update({ id, name, type, ...seal(id, clean), updatedAt: now });
      await changed();
      return { id, name, type, createdAt: row.createdAt, updatedAt: now };
    },

    async remove(id: string): Promise<void> {
      if (!(await deps.store.credentials.remove(id))) throw notFound(id);
      await changed();
    },

    /** The decrypted credential, or null when none has this id. Throws when it cannot be opened. */
    async read(id: string): Promise<ReadCredential | null> {
      const row = await deps.store.credentials.get(id);
      return row ? open(row) : null;
    },

    /** Reads the secret values for `secretValues` (call once at start). */
    async load(): Promise<void> {
      secretCache = await readSecretValues();
    },

    /** Reads the secret values again: another process changed a credential. */
    reload,

    /** Every secret value stored (see `secretValuesOf`), for redaction. Throws before `load`. */
    secretValues(): readonly string[] {
      if (!secretCache) throw new Error('credential secret values are read before load()');
      return secretCache;
    },

    /** Called after any credential is created, changed or removed. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type CredentialService = ReturnType<typeof createCredentialService>;

/** `rotate`: the stored secret becomes `previousSecret`, unless the change names one itself. */
function rotated(current: ReadCredential, type: CredentialType, next: Record<string, unknown>, given: Record<string, unknown>): Record<string, unknown> {
  if (current.type !== 'webhook-secret' || type !== 'webhook-secret') {
    throw new AppError('BAD_REQUEST', 400, 'Only webhook-secret credentials can be rotated; send the new data instead.');
  }
  if (typeof given.secret !== 'string') throw new AppError('BAD_REQUEST', 400, 'Rotating needs the new secret in data.secret.');
  if (given.secret === current.data.secret) throw new AppError('BAD_REQUEST', 400, 'The new secret is the same as the current one.');
  const out = { ...next };
  if (!('previousSecret' in given)) out.previousSecret = current.data.secret;
  // An expiry belongs to the secret it was set for; a new rotation starts without one unless given.
  if (!('previousSecretExpiresAt' in given)) delete out.previousSecretExpiresAt;
  return out;
}
