/** An endpoint (an origin outbound steps deliver to) that a person must re-enable. */
export interface DisabledEndpoint {
  id: string;
  origin: string;
  disabledAt: number;
  disabledReason: string | null;
  updatedAt: number;
}

/**
 * Endpoint state that outlives a restart: today only "disabled (after a 410) until re-enabled".
 * Breakers and rate limits stay in each process (delivery/endpoint-health.ts).
 */
export interface EndpointPort {
  /** Every endpoint disabled now, by origin. */
  listDisabled(): Promise<DisabledEndpoint[]>;
  /** Marks an endpoint disabled (creating its record; a second call overwrites time and reason). */
  disable(e: { id: string; origin: string; at: number; reason: string }): Promise<void>;
  /** Clears the mark; false when no such endpoint is stored. */
  enable(id: string, at: number): Promise<boolean>;
}
