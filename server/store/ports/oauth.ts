/**
 * A connect flow in progress: created when a person clicks Connect, taken (once) when the
 * provider sends them back. `stateHash` is the SHA-256 of the `state` sent to the provider: the
 * store never holds a value that could be replayed at the callback.
 */
export interface PendingOAuthState {
  stateHash: string;
  credentialId: string;
  /** The signed-in person who started the flow; the callback must come from the same person. */
  userId: string;
  /** The PKCE code verifier: it stays on the server and goes only to the token endpoint. */
  codeVerifier: string;
  /** The OpenID Connect nonce, when `openid` was asked for. */
  nonce: string | null;
  redirectUri: string;
  createdAt: number;
  expiresAt: number;
}

/** How a credential's tokens stand. */
export type OAuthTokenStatus = 'connected' | 'reconnect_needed';

/** A credential's tokens: sealed like credential data (AES-256-GCM), with what may be shown beside them. */
export interface SealedOAuthTokens {
  credentialId: string;
  /** Grows by one with every stored set of tokens; a refresh stores its result only over the generation it read. */
  generation: number;
  status: OAuthTokenStatus;
  /** The connected account as the provider named it (email, name or subject), when it did. */
  account: string | null;
  /** When the access token expires (epoch ms), when the provider said. */
  expiresAt: number | null;
  /** Why a reconnect is needed, in words fit to show. */
  problem: string | null;
  keyId: string;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
  updatedAt: number;
}

/** What may be shown about a credential's connection: never the tokens. */
export type OAuthConnection = Pick<SealedOAuthTokens, 'credentialId' | 'generation' | 'status' | 'account' | 'expiresAt' | 'problem' | 'updatedAt'>;

/**
 * OAuth2 connect flows and tokens. Every write is one guarded statement: a state is taken at
 * most once; tokens are replaced only over the generation the writer read, and only the holder
 * of the refresh claim refreshes, so two processes never both spend one refresh token.
 */
export interface OAuthPort {
  addState(state: PendingOAuthState): Promise<void>;
  /** Removes the state and returns it when it exists and has not expired; undefined otherwise (an expired one is removed too). */
  takeState(stateHash: string, now: number): Promise<PendingOAuthState | undefined>;
  /** Removes states that expired before `now`; returns how many. */
  purgeStates(now: number): Promise<number>;

  getTokens(credentialId: string): Promise<SealedOAuthTokens | undefined>;
  /** Every connection's shown part, for credential lists. */
  connections(): Promise<OAuthConnection[]>;
  /**
   * Stores tokens at `expectedGeneration + 1`. `expectedGeneration` null: a new connection, stored
   * whatever is there (a person connected again). Otherwise only over that generation; false when
   * another writer stored first. Clears the refresh claim.
   */
  putTokens(tokens: Omit<SealedOAuthTokens, 'generation'>, expectedGeneration: number | null): Promise<boolean>;
  /**
   * Claims the right to refresh the tokens of `generation` until `until`: true for one caller at
   * a time, across processes; a claim whose time passed (its holder died) may be taken again.
   */
  claimRefresh(credentialId: string, generation: number, owner: string, now: number, until: number): Promise<boolean>;
  /** Gives a claim back without storing tokens (the refresh failed for a while). */
  releaseRefresh(credentialId: string, owner: string): Promise<void>;
  /** Marks the tokens of `generation` as needing a reconnect, with the reason; false when they changed meanwhile. */
  markReconnectNeeded(credentialId: string, generation: number, problem: string, now: number): Promise<boolean>;
  removeTokens(credentialId: string): Promise<boolean>;
}
