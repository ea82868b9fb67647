/** A trigger node's live URL token. */
export interface TriggerRow {
  token: string;
  workflowId: string;
  nodeId: string;
  /** When the token was last rotated (epoch ms), or null if never. */
  rotatedAt?: number | null;
}

/** A token that reaches a trigger: its live one, or a rotated one still in its grace period (`expiresAt`). */
export interface TokenMatch extends TriggerRow {
  expiresAt: number | null;
}

/** A rotated token that still works until `expiresAt`. */
export interface RetiredToken {
  token: string;
  nodeId: string;
  retiredAt: number;
  expiresAt: number;
}

/** Trigger tokens: one live token per trigger node, plus rotated ones in their grace period. */
export interface TriggerPort {
  /** The trigger a token reaches at `now`. */
  match(token: string, now: number): Promise<TokenMatch | undefined>;
  byNode(workflowId: string, nodeId: string): Promise<TriggerRow | undefined>;
  forWorkflow(workflowId: string): Promise<TriggerRow[]>;
  retiredOf(workflowId: string, now: number): Promise<RetiredToken[]>;
  /** A new token; the old one works for `graceMs` more (0: every old token stops now). False when there is no such trigger. */
  rotate(workflowId: string, nodeId: string, newToken: string, now: number, graceMs: number): Promise<boolean>;
  /** Makes the tokens match the trigger nodes: new nodes get one, removed nodes lose theirs. */
  sync(workflowId: string, nodeIds: readonly string[], newToken: () => string, now: number): Promise<void>;
}
