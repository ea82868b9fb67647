import { z } from 'zod';
import type { CredentialCipher } from '../credentials/credential-cipher.js';
import type { SealedOAuthTokens } from '../store/ports/oauth.js';
import type { TokenSet } from './oauth-protocol.js';
import { lazySchema } from '../../shared/lazy-schema.js';

/** What is sealed of a token set: the tokens themselves. Expiry and account sit beside them in the clear. */
const sealedSchema = lazySchema(() => z.object({ accessToken: z.string(), refreshToken: z.string().optional(), tokenType: z.string(), scope: z.string().optional() }));
export type OpenTokens = z.infer<typeof sealedSchema>;

// Bound to the credential like its data, but under its own name: a token blob cannot pass for credential data.
const sealId = (credentialId: string) => `oauth-tokens:${credentialId}`;

/** Seals a token set for the store, at rest exactly like credential data (AES-256-GCM, bound to the credential). */
export function sealTokens(cipher: CredentialCipher, credentialId: string, t: TokenSet, now: number, account: string | null): Omit<SealedOAuthTokens, 'generation'> {
  const inner: OpenTokens = { accessToken: t.accessToken, tokenType: t.tokenType, ...(t.refreshToken ? { refreshToken: t.refreshToken } : {}), ...(t.scope ? { scope: t.scope } : {}) };
  const sealed = cipher.seal(sealId(credentialId), Buffer.from(JSON.stringify(inner), 'utf8'));
  return { credentialId, status: 'connected', account, expiresAt: t.expiresAt ?? null, problem: null, ...sealed, updatedAt: now };
}

/** Opens stored tokens; throws when this key cannot (CredentialKeyError) or the content is not tokens. */
export function openTokens(cipher: CredentialCipher, row: SealedOAuthTokens): OpenTokens {
  const parsed = sealedSchema.safeParse(JSON.parse(cipher.open(sealId(row.credentialId), row).toString('utf8')));
  if (!parsed.success) throw new Error(`the stored tokens of credential ${row.credentialId} are not in the expected shape`);
  return parsed.data;
}

/** The same tokens sealed under another key (secret key rotation); status, account and expiry kept. */
export function resealTokens(row: SealedOAuthTokens, from: CredentialCipher, to: CredentialCipher): Omit<SealedOAuthTokens, 'generation'> {
  const plain = from.open(sealId(row.credentialId), row);
  const sealed = to.seal(sealId(row.credentialId), plain);
  plain.fill(0);
  return { credentialId: row.credentialId, status: row.status, account: row.account, expiresAt: row.expiresAt, problem: row.problem, ...sealed, updatedAt: row.updatedAt };
}
