import { z } from 'zod';

/** Response shapes of `/api/credentials`: metadata only, the server never sends credential data. */

const ts = z.union([z.string(), z.number()]).transform((v) => (typeof v === 'number' ? new Date(v).toISOString() : v));

export const credentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  createdAt: ts,
  updatedAt: ts,
  /** OAuth2 only: whether tokens are held, the account they belong to, and why a reconnect is needed. */
  status: z.enum(['not_connected', 'connected', 'reconnect_needed']).optional(),
  account: z.string().nullable().optional(),
  problem: z.string().optional(),
});
export type Credential = z.infer<typeof credentialSchema>;
export const credentialListSchema = z.object({ credentials: z.array(credentialSchema) });

export const credentialTypeInfoSchema = z.object({
  type: z.string(),
  title: z.string(),
  description: z.string().default(''),
  app: z.string().default(''),
  secretFields: z.array(z.string()).default([]),
  /** The data's form as JSON Schema; secret fields carry `writeOnly: true`. */
  schema: z.record(z.string(), z.unknown()),
});
export type CredentialTypeInfo = z.infer<typeof credentialTypeInfoSchema>;
export const credentialTypesSchema = z.object({ types: z.array(credentialTypeInfoSchema) });

/** What `POST /api/credentials` takes. */
export interface CredentialCreate {
  name: string;
  type: string;
  data: Record<string, unknown>;
}

/** What `PUT /api/credentials/:id` takes: `data` merges over the stored data; `rotate` keeps the old secret. */
export interface CredentialChange {
  name?: string;
  data?: Record<string, unknown>;
  rotate?: boolean;
}

/** `POST /api/credentials/:id/oauth2/authorize`: a consent URL to open, or (client credentials) connected at once. */
export const oauthStartSchema = z.union([z.object({ authorizationUrl: z.string(), expiresAt: z.number() }), z.object({ connected: z.literal(true) })]);
export type OAuthStart = z.infer<typeof oauthStartSchema>;
