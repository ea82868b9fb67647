import { z } from 'zod';
import type { OAuthConnection, OAuthPort, PendingOAuthState, SealedOAuthTokens } from '../ports/oauth.js';
import type { Db } from './database.js';
import { CorruptRowError } from './json-column.js';
import { lazySchema } from '../../../shared/lazy-schema.js';

const stateSchema = lazySchema(() =>
  z.object({
    stateHash: z.string(),
    credentialId: z.string(),
    userId: z.string(),
    codeVerifier: z.string(),
    nonce: z.string().nullable(),
    redirectUri: z.string(),
    createdAt: z.number(),
    expiresAt: z.number(),
  }),
);
const connectionSchema = lazySchema(() =>
  z.object({
    credentialId: z.string(),
    generation: z.number().int(),
    status: z.enum(['connected', 'reconnect_needed']),
    account: z.string().nullable(),
    expiresAt: z.number().nullable(),
    problem: z.string().nullable(),
    updatedAt: z.number(),
  }),
);
const tokensSchema = lazySchema(() => connectionSchema.unwrap().extend({ keyId: z.string(), iv: z.instanceof(Buffer), ciphertext: z.instanceof(Buffer), tag: z.instanceof(Buffer) }));

const stateColumns =
  'state_hash AS stateHash, credential_id AS credentialId, user_id AS userId, code_verifier AS codeVerifier, nonce, redirect_uri AS redirectUri, created_at AS createdAt, expires_at AS expiresAt';
const connectionColumns = 'credential_id AS credentialId, generation, status, account, expires_at AS expiresAt, problem, updated_at AS updatedAt';
const tokenColumns = `${connectionColumns}, key_id AS keyId, iv, ciphertext, tag`;

function parse<T>(table: string, schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new CorruptRowError(table, String((raw as { credentialId?: unknown } | undefined)?.credentialId ?? '?'), parsed.error);
  return parsed.data;
}

/** The OAuth port's statements (ports/oauth.ts); each operation is one statement, so each is atomic by itself. */
export function createOAuthRepo(db: Db) {
  const s = {
    addState: db.prepare(
      `INSERT INTO oauth_states (state_hash, credential_id, user_id, code_verifier, nonce, redirect_uri, created_at, expires_at)
       VALUES (@stateHash, @credentialId, @userId, @codeVerifier, @nonce, @redirectUri, @createdAt, @expiresAt)`,
    ),
    takeState: db.prepare(`DELETE FROM oauth_states WHERE state_hash = ? RETURNING ${stateColumns}`),
    purgeStates: db.prepare('DELETE FROM oauth_states WHERE expires_at < ?'),
    getTokens: db.prepare(`SELECT ${tokenColumns} FROM oauth_tokens WHERE credential_id = ?`),
    connections: db.prepare(`SELECT ${connectionColumns} FROM oauth_tokens ORDER BY credential_id`),
    putNew: db.prepare(
      `INSERT INTO oauth_tokens (credential_id, generation, status, account, expires_at, problem, key_id, iv, ciphertext, tag, updated_at)
       VALUES (@credentialId, 1, @status, @account, @expiresAt, @problem, @keyId, @iv, @ciphertext, @tag, @updatedAt)
       ON CONFLICT (credential_id) DO UPDATE SET generation = oauth_tokens.generation + 1, status = excluded.status, account = excluded.account,
         expires_at = excluded.expires_at, problem = excluded.problem, key_id = excluded.key_id, iv = excluded.iv, ciphertext = excluded.ciphertext,
         tag = excluded.tag, refresh_owner = NULL, refresh_until = NULL, updated_at = excluded.updated_at`,
    ),
    putOver: db.prepare(
      `UPDATE oauth_tokens SET generation = generation + 1, status = @status, account = @account, expires_at = @expiresAt, problem = @problem,
         key_id = @keyId, iv = @iv, ciphertext = @ciphertext, tag = @tag, refresh_owner = NULL, refresh_until = NULL, updated_at = @updatedAt
       WHERE credential_id = @credentialId AND generation = @expected`,
    ),
    claim: db.prepare(
      `UPDATE oauth_tokens SET refresh_owner = @owner, refresh_until = @until
       WHERE credential_id = @credentialId AND generation = @generation AND (refresh_until IS NULL OR refresh_until < @now OR refresh_owner = @owner)`,
    ),
    release: db.prepare('UPDATE oauth_tokens SET refresh_owner = NULL, refresh_until = NULL WHERE credential_id = ? AND refresh_owner = ?'),
    mark: db.prepare(
      `UPDATE oauth_tokens SET status = 'reconnect_needed', problem = @problem, refresh_owner = NULL, refresh_until = NULL, updated_at = @now
       WHERE credential_id = @credentialId AND generation = @generation`,
    ),
    remove: db.prepare('DELETE FROM oauth_tokens WHERE credential_id = ?'),
  };
  return {
    addState: (st: PendingOAuthState): void => void s.addState.run(st),
    takeState(stateHash: string, now: number): PendingOAuthState | undefined {
      const raw = s.takeState.get(stateHash);
      if (raw === undefined) return undefined;
      const st = parse('oauth_states', stateSchema, raw);
      return st.expiresAt > now ? st : undefined;
    },
    purgeStates: (now: number): number => s.purgeStates.run(now).changes,
    getTokens(credentialId: string): SealedOAuthTokens | undefined {
      const raw = s.getTokens.get(credentialId);
      return raw === undefined ? undefined : parse('oauth_tokens', tokensSchema, raw);
    },
    connections: (): OAuthConnection[] => s.connections.all().map((r) => parse('oauth_tokens', connectionSchema, r)),
    putTokens(t: Omit<SealedOAuthTokens, 'generation'>, expected: number | null): boolean {
      const row = {
        credentialId: t.credentialId,
        status: t.status,
        account: t.account,
        expiresAt: t.expiresAt,
        problem: t.problem,
        keyId: t.keyId,
        iv: t.iv,
        ciphertext: t.ciphertext,
        tag: t.tag,
        updatedAt: t.updatedAt,
      };
      return expected === null ? s.putNew.run(row).changes > 0 : s.putOver.run({ ...row, expected }).changes > 0;
    },
    claimRefresh: (credentialId: string, generation: number, owner: string, now: number, until: number): boolean => s.claim.run({ credentialId, generation, owner, now, until }).changes > 0,
    releaseRefresh: (credentialId: string, owner: string): void => void s.release.run(credentialId, owner),
    markReconnectNeeded: (credentialId: string, generation: number, problem: string, now: number): boolean => s.mark.run({ credentialId, generation, problem, now }).changes > 0,
    removeTokens: (credentialId: string): boolean => s.remove.run(credentialId).changes > 0,
  };
}
export type OAuthRepo = ReturnType<typeof createOAuthRepo>;

/** The port over the repository; `read` and `write` decide how each statement reaches the database. */
export function oauthPortOver(r: OAuthRepo, a: { read<T>(op: () => T): Promise<T>; write<T>(op: () => T): Promise<T> }): OAuthPort {
  const { read, write } = a;
  return {
    addState: (st) => write(() => r.addState(st)),
    takeState: (hash, now) => write(() => r.takeState(hash, now)),
    purgeStates: (now) => write(() => r.purgeStates(now)),
    getTokens: (id) => read(() => r.getTokens(id)),
    connections: () => read(() => r.connections()),
    putTokens: (t, expected) => write(() => r.putTokens(t, expected)),
    claimRefresh: (id, generation, owner, now, until) => write(() => r.claimRefresh(id, generation, owner, now, until)),
    releaseRefresh: (id, owner) => write(() => r.releaseRefresh(id, owner)),
    markReconnectNeeded: (id, generation, problem, now) => write(() => r.markReconnectNeeded(id, generation, problem, now)),
    removeTokens: (id) => write(() => r.removeTokens(id)),
  };
}
