import type { SealedValue } from '../../credentials/credential-cipher.js';

/** What every caller may learn about a variable: its name, whether it is secret, and when it changed. */
export interface VariableMeta {
  name: string;
  secret: boolean;
  createdAt: number;
  updatedAt: number;
}

/**
 * A stored variable. A plain one keeps its value as text; a secret one only its sealed value
 * (AES-256-GCM, sealed by the variable service like a credential): the store never sees it in clear.
 */
export type StoredVariable = Omit<VariableMeta, 'secret'> & VariableValue;

/** A variable's value as stored: in clear, or sealed. */
export type VariableValue = { secret: false; value: string } | { secret: true; sealed: SealedValue };

/** What an update writes: the value (and flag) and when. */
export type VariableUpdate = { name: string; updatedAt: number } & VariableValue;

/**
 * Workflow variables (`{{ vars.NAME }}`), by name. Names are unique as written (case-sensitive,
 * like the JavaScript property they become). A record that does not have this shape is a CorruptRowError.
 */
export interface VariablePort {
  /** Every variable, by name. */
  list(): Promise<StoredVariable[]>;
  get(name: string): Promise<StoredVariable | undefined>;
  /** false when a variable of this name exists already (nothing is written). */
  insert(variable: StoredVariable): Promise<boolean>;
  /** Replaces the value and the secret flag; false when no such variable exists. */
  update(variable: VariableUpdate): Promise<boolean>;
  /** false when no such variable exists. */
  remove(name: string): Promise<boolean>;
}
