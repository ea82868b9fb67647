import type { OAuthConnection, PendingOAuthState, SealedOAuthTokens } from '../ports/oauth.js';
import type { Sql } from './sql.js';

const stateColumns = `state_hash AS "stateHash", credential_id AS "credentialId", user_id AS "userId", code_verifier AS "codeVerifier", nonce,
  redirect_uri AS "redirectUri", created_at AS "createdAt", expires_at AS "expiresAt"`;
const connectionColumns = `credential_id AS "credentialId", generation, status, account, expires_at AS "expiresAt", problem, updated_at AS "updatedAt"`;
const tokenColumns = `${connectionColumns}, key_id AS "keyId", iv, ciphertext, tag`;

/** The OAuth port's statements (ports/oauth.ts); each is one statement, atomic by itself. */
export const postgresOAuth = {
  async addState(q: Sql, st: PendingOAuthState): Promise<void> {
    await q.run(`INSERT INTO oauth_states (state_hash, credential_id, user_id, code_verifier, nonce, redirect_uri, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
      st.stateHash,
      st.credentialId,
      st.userId,
      st.codeVerifier,
      st.nonce,
      st.redirectUri,
      st.createdAt,
      st.expiresAt,
    ]);
  },
  async takeState(q: Sql, stateHash: string, now: number): Promise<PendingOAuthState | undefined> {
    const st = await q.one<PendingOAuthState>(`DELETE FROM oauth_states WHERE state_hash = $1 RETURNING ${stateColumns}`, [stateHash]);
    return st && st.expiresAt > now ? st : undefined;
  },
  purgeStates: (q: Sql, now: number) => q.run('DELETE FROM oauth_states WHERE expires_at < $1', [now]),
  getTokens: (q: Sql, credentialId: string) => q.one<SealedOAuthTokens>(`SELECT ${tokenColumns} FROM oauth_tokens WHERE credential_id = $1`, [credentialId]),
  connections: (q: Sql) => q.rows<OAuthConnection>(`SELECT ${connectionColumns} FROM oauth_tokens ORDER BY credential_id`),
  async putTokens(q: Sql, t: Omit<SealedOAuthTokens, 'generation'>, expected: number | null): Promise<boolean> {
    const values = [t.credentialId, t.status, t.account, t.expiresAt, t.problem, t.keyId, t.iv, t.ciphertext, t.tag, t.updatedAt];
    if (expected === null) {
      return (
        (await q.run(
          `INSERT INTO oauth_tokens (credential_id, generation, status, account, expires_at, problem, key_id, iv, ciphertext, tag, updated_at)
           VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
           ON CONFLICT (credential_id) DO UPDATE SET generation = oauth_tokens.generation + 1, status = excluded.status, account = excluded.account,
             expires_at = excluded.expires_at, problem = excluded.problem, key_id = excluded.key_id, iv = excluded.iv, ciphertext = excluded.ciphertext,
             tag = excluded.tag, refresh_owner = NULL, refresh_until = NULL, updated_at = excluded.updated_at`,
          values,
        )) > 0
      );
    }
    return (
      (await q.run(
        `UPDATE oauth_tokens SET generation = generation + 1, status = $2, account = $3, expires_at = $4, problem = $5, key_id = $6, iv = $7,
           ciphertext = $8, tag = $9, refresh_owner = NULL, refresh_until = NULL, updated_at = $10
         WHERE credential_id = $1 AND generation = $11`,
        [...values, expected],
      )) > 0
    );
  },
  claimRefresh: async (q: Sql, credentialId: string, generation: number, owner: string, now: number, until: number): Promise<boolean> =>
    (await q.run(
      `UPDATE oauth_tokens SET refresh_owner = $3, refresh_until = $5
       WHERE credential_id = $1 AND generation = $2 AND (refresh_until IS NULL OR refresh_until < $4 OR refresh_owner = $3)`,
      [credentialId, generation, owner, now, until],
    )) > 0,
  async releaseRefresh(q: Sql, credentialId: string, owner: string): Promise<void> {
    await q.run('UPDATE oauth_tokens SET refresh_owner = NULL, refresh_until = NULL WHERE credential_id = $1 AND refresh_owner = $2', [credentialId, owner]);
  },
  markReconnectNeeded: async (q: Sql, credentialId: string, generation: number, problem: string, now: number): Promise<boolean> =>
    (await q.run(`UPDATE oauth_tokens SET status = 'reconnect_needed', problem = $3, refresh_owner = NULL, refresh_until = NULL, updated_at = $4 WHERE credential_id = $1 AND generation = $2`, [
      credentialId,
      generation,
      problem,
      now,
    ])) > 0,
  removeTokens: async (q: Sql, credentialId: string): Promise<boolean> => (await q.run('DELETE FROM oauth_tokens WHERE credential_id = $1', [credentialId])) > 0,
};
