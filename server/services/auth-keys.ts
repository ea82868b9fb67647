import { AppError } from '../../shared/errors.js';
import type { Clock } from '../lib/clock.js';
import { newId, newToken } from '../lib/ids.js';
import type { ApiKeyRow, KeyScope } from '../store/ports/users.js';
import type { AccountStore } from './account-store.js';
import type { Actor, AuditService } from './audit-service.js';
import type { Principal } from './auth-principal.js';
import { hashToken } from './passwords.js';

const KEY_PREFIX = 'sy_live_';

/** A key as the settings list shows it, with whose it is. */
export type ApiKeyView = ApiKeyRow & { userName: string | null; expired: boolean };

/** Options for a new key: read-only, and an end date. */
export interface KeyOptions {
  scope?: KeyScope;
  expiresAt?: number | null;
}

/**
 * API keys. A key acts with its user's current role (so a demoted user's keys lose rights at
 * once) narrowed by its scope; a removed user's keys go with the user (ON DELETE CASCADE).
 */
export function createApiKeys(d: { store: AccountStore; audit: AuditService; clock: Clock }) {
  const keys = d.store.apiKeys;
  const names = async () => new Map((await d.store.users.list()).map((u) => [u.id, u.name]));
  const view = (k: ApiKeyRow, byId: Map<string, string>, now: number): ApiKeyView => ({
    ...k,
    userName: k.userId ? (byId.get(k.userId) ?? null) : null,
    expired: k.expiresAt !== null && k.expiresAt <= now,
  });

  return {
    /** Creates a key; the key itself is returned once and stored only as a hash. With `actor`, audited in the same unit. */
    async create(name: string, userId: string | null, opts: KeyOptions = {}, actor?: Actor): Promise<ApiKeyRow & { key: string }> {
      const now = d.clock.now();
      if (opts.expiresAt != null && opts.expiresAt <= now) throw new AppError('BAD_REQUEST', 400, 'The expiry must be in the future.');
      const key = `${KEY_PREFIX}${newToken(24)}`;
      const row: ApiKeyRow = {
        id: newId('key', now),
        name,
        prefix: key.slice(0, KEY_PREFIX.length + 4),
        userId,
        scope: opts.scope ?? 'full',
        createdAt: now,
        lastUsedAt: null,
        expiresAt: opts.expiresAt ?? null,
      };
      await d.store.write(async (tx) => {
        await tx.apiKeys.insert({ ...row, keyHash: hashToken(key) });
        if (actor) await d.audit.recordIn(tx, { actor, action: 'api_key.create', target: { type: 'api_key', id: row.id, name: row.name }, after: row });
      });
      return { ...row, key };
    },

    /** The principal behind a bearer key, if the key is live, unexpired and its user still exists. One read per request. */
    async resolve(key: string): Promise<Principal | undefined> {
      const found = await keys.liveByHash(hashToken(key));
      const now = d.clock.now();
      const row = found?.key;
      if (!row || (row.expiresAt !== null && row.expiresAt <= now)) return undefined;
      const owner = found.owner;
      if (row.userId && !owner) return undefined;
      if (!row.lastUsedAt || now - row.lastUsedAt > 60_000) void keys.touch(row.id, now).catch(() => undefined);
      return { kind: 'api-key', userId: row.userId, role: owner?.role ?? 'owner', scope: row.scope, name: row.name, userName: owner?.name ?? 'installation', keyId: row.id };
    },

    /** Owners see every key (to revoke a departed person's); everyone else sees their own. */
    async listFor(p: Principal): Promise<ApiKeyView[]> {
      const now = d.clock.now();
      const rows = p.role === 'owner' ? await keys.list() : p.userId ? await keys.listOfUser(p.userId) : [];
      const byId = await names();
      return rows.map((k) => view(k, byId, now));
    },

    get: (id: string) => keys.byId(id),

    /** Revokes a key the principal may manage, audited as `actor` in the same unit; other people's keys look like missing ones. */
    async revokeFor(p: Principal, id: string, actor: Actor): Promise<void> {
      await d.store.write(async (tx) => {
        const row = await tx.apiKeys.byId(id);
        const mayManage = row && (p.role === 'owner' || (row.userId !== null && row.userId === p.userId));
        if (!row || !mayManage || !(await tx.apiKeys.revoke(id, d.clock.now()))) {
          throw new AppError('NOT_FOUND', 404, 'There is no live API key with this id.');
        }
        await d.audit.recordIn(tx, { actor, action: 'api_key.revoke', target: { type: 'api_key', id, name: row.name }, before: row });
      });
    },
  };
}
export type ApiKeys = ReturnType<typeof createApiKeys>;
