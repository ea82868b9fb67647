/** What may be shown about a credential: never its data. */
export interface CredentialMeta {
  id: string;
  name: string;
  type: string;
  createdAt: number;
  updatedAt: number;
}

/** A stored credential: its metadata and its sealed data (the store never sees plaintext). */
export interface SealedCredential extends CredentialMeta {
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/**
 * Credentials at rest. The service seals and opens them (credentials/credential-service.ts);
 * the store keeps ciphertext only. A record that does not have this shape is a CorruptRowError.
 */
export interface CredentialPort {
  /** Every credential's metadata, by name (case-insensitive), then id. */
  list(): Promise<CredentialMeta[]>;
  /** Every credential with its sealed data (for redaction and key rotation). */
  all(): Promise<SealedCredential[]>;
  get(id: string): Promise<SealedCredential | undefined>;
  insert(credential: SealedCredential): Promise<void>;
  /** Replaces name, type and sealed data; false when no such credential exists. */
  update(credential: Omit<SealedCredential, 'createdAt'>): Promise<boolean>;
  /** false when no such credential exists. */
  remove(id: string): Promise<boolean>;
}
