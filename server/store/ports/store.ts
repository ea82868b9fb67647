import type { JobPort } from './jobs.js';
import type { RunPort } from './runs.js';
import type { SchedulePort } from './schedules.js';
import type { StepPort } from './steps.js';
import type { TriggerPort } from './triggers.js';
import type { WorkflowPort } from './workflows.js';
import type { AccountLinkPort, ApiKeyPort, SessionPort, UserPort } from './users.js';
import type { AuditPort } from './audit.js';
import type { CredentialPort } from './credentials.js';
import type { EndpointPort } from './endpoints.js';
import type { RejectionPort } from './rejections.js';
import type { RetentionPort } from './retention.js';
import type { StatsPort } from './stats.js';
import type { MaintenancePort } from './maintenance.js';
import type { HoldPort } from './holds.js';
import type { WaitPort } from './waits.js';
import type { VariablePort } from './variables.js';
import type { DataStorePort } from './datastore.js';
import type { OAuthPort } from './oauth.js';

/** The operations of every port, as seen inside one unit of work. */
export interface StoreTx {
  workflows: WorkflowPort;
  triggers: TriggerPort;
  runs: RunPort;
  jobs: JobPort;
  steps: StepPort;
  schedules: SchedulePort;
  users: UserPort;
  apiKeys: ApiKeyPort;
  sessions: SessionPort;
  accountLinks: AccountLinkPort;
  audit: AuditPort;
  credentials: CredentialPort;
  endpoints: EndpointPort;
  rejections: RejectionPort;
  retention: RetentionPort;
  stats: StatsPort;
  /** Pause and hold (held events, released in arrival order). */
  holds: HoldPort;
  /** Calls to the resume URLs of wait and approval steps. */
  waits: WaitPort;
  variables: VariablePort;
  /** Key-value entries of the data store and dedupe marks. */
  datastore: DataStorePort;
  /** OAuth2 connect flows and tokens. */
  oauth: OAuthPort;
}

/**
 * Storage as the rest of the server sees it: named, asynchronous operations grouped by concept.
 * Each operation outside `write` is its own durable unit (it resolves once on disk). `write`
 * composes several into one atomic unit: all of it commits, or none of it.
 *
 * The unit-of-work rule: the callback awaits only `tx` operations (and pure code); it never
 * awaits other IO (a request, a timer). Implementations may rely on it: the SQLite one runs the
 * whole callback inside one transaction without yielding to other callbacks. Inside a unit,
 * write only through `tx`: awaiting a write of the store itself would wait for the commit of
 * the very unit that waits (a deadlock). Reads of the store itself are allowed (the version
 * cache reads through `workflows.getVersion`).
 */
export interface Store extends StoreTx {
  write<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Upkeep of the storage itself; outside units of work (see ports/maintenance.ts). */
  maintenance: MaintenancePort;
}
