import type { z } from 'zod';

/**
 * What the editor and the server know about one kind of credential: its form (a zod schema,
 * shown as JSON Schema with `writeOnly` on secret fields) and which fields hold secrets.
 */
export interface CredentialTypeDescriptor<S extends z.ZodType = z.ZodType> {
  type: string;
  title: string;
  description: string;
  /** The app this credential belongs to, for grouping in the editor. */
  app: string;
  schema: S;
  /**
   * Fields whose values are secrets: never shown, and redacted from run records wherever
   * they appear. Other fields (a user name, an account SID, an SMTP host) are only hidden.
   */
  secretFields: readonly string[];
}

/** Declares a credential type; the identity function exists so the data type is inferred. */
export function defineCredentialType<S extends z.ZodType>(d: CredentialTypeDescriptor<S>): CredentialTypeDescriptor<S> {
  return d;
}
