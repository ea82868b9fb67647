import { initial } from './001-initial.js';
import { drafts } from './002-drafts.js';
import { jobsParkedIndex } from './003-jobs-parked-index.js';
import { storageSamples } from './004-storage-samples.js';
import { holdAndWait } from './005-hold-and-wait.js';
import { variables } from './006-variables.js';
import { datastore } from './007-datastore.js';
import { oauth } from './008-oauth.js';
import { runSearchIndexes } from './009-run-search-indexes.js';
import { noticePayloads } from './010-notice-payloads.js';
import { rejectionSizeBigint } from './011-rejection-size-bigint.js';
import { errorCauseStatusIndex } from './012-error-cause-status-index.js';
import { claimFunction } from './013-claim-function.js';
import { claimOrderIndexes } from './014-claim-order-indexes.js';

/**
 * A numbered schema change for PostgreSQL. The numbers are this dialect's own (its 001 is
 * SQLite's 001-011 at once); never edit a shipped one: add the next number, and the same
 * change to SQLite's list when both stores gain it.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. */
export const postgresMigrations: readonly PostgresMigration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'drafts', sql: drafts },
  { version: 3, name: 'jobs-parked-index', sql: jobsParkedIndex },
  { version: 4, name: 'storage-samples', sql: storageSamples },
  { version: 5, name: 'hold-and-wait', sql: holdAndWait },
  { version: 6, name: 'variables', sql: variables },
  { version: 7, name: 'datastore', sql: datastore },
  { version: 8, name: 'oauth', sql: oauth },
  { version: 9, name: 'run-search-indexes', sql: runSearchIndexes },
  { version: 10, name: 'notice-payloads', sql: noticePayloads },
  { version: 11, name: 'rejection-size-bigint', sql: rejectionSizeBigint },
  { version: 12, name: 'error-cause-status-index', sql: errorCauseStatusIndex },
  { version: 13, name: 'claim-function', sql: claimFunction },
  { version: 14, name: 'claim-order-indexes', sql: claimOrderIndexes },
];
