/**
 * What the processes sharing one database tell each other, and who among them leads. Notices are
 * hints sent after a commit (the state itself is in the tables): a process that misses one still
 * finds the work by polling. With SQLite there is one process, so notices stay in it and it always
 * leads; with PostgreSQL notices are NOTIFY/LISTEN and leadership a session advisory lock.
 */
export type NoticeChannel =
  /** A job became due (new event, run started, retry woken): workers look at the queue now. */
  | 'jobs'
  /** A run was cancelled (payload: run id): the process executing it aborts its steps. */
  | 'cancel'
  /** A workflow was saved, (de)activated or deleted (payload: workflow id): the scheduler re-plans. */
  | 'workflow'
  /** Credentials changed: every process reloads the secret values it redacts. */
  | 'credentials'
  /** The owner's egress allow-list changed: every process reloads it. */
  | 'settings'
  /** A run answered its trigger (payload: JSON of run id and reply): the process holding the request responds. */
  | 'reply'
  /** A test event was captured (payload: JSON of trigger key and event): the process holding the listener answers. */
  | 'test-event'
  /** A process started or stopped listening for a test event (payload: JSON of trigger key, listener id, length). */
  | 'test-listen'
  /** A process joined (its LISTEN connection is up): the others count the live processes again (rate shares). */
  | 'members'
  /** An endpoint's circuit breaker opened or closed in one process (payload: JSON of origin and phase): the others follow. */
  | 'breaker';

export interface Leadership {
  /** Whether this process leads right now. */
  readonly leading: boolean;
  /** Gives leadership up (if held) and stops trying to take it. */
  stop(): Promise<void>;
}

export interface Coordination {
  /** Whether other processes may share the database (PostgreSQL), so per-process state needs notices. */
  readonly shared: boolean;
  /** Tells every process (this one included) on `channel`. Never throws: a lost notice is covered by polling. */
  notify(channel: NoticeChannel, payload?: string): void;
  /** Calls `handler` for each notice on `channel`, from any process; returns the unsubscribe. */
  listen(channel: NoticeChannel, handler: (payload: string) => void): () => void;
  /**
   * Competes for leadership (one leader across every process): `onChange(true)` when this process
   * becomes the leader, `onChange(false)` when it loses it (its connection to the database broke).
   */
  lead(onChange: (leading: boolean) => void): Leadership;
  /**
   * How many live processes with `role` share the database, this one included when it has the
   * role (1 with SQLite). A process counts while its LISTEN connection is open: one that died,
   * even by kill -9, stops counting when PostgreSQL ends its session.
   */
  liveProcesses(role: string): Promise<number>;
  close(): Promise<void>;
}

/** Larger notices do not fit in PostgreSQL's NOTIFY (8000 bytes): the PostgreSQL coordination keeps their payload in a table and sends its id. */
export const NOTICE_MAX_BYTES = 7_900;
