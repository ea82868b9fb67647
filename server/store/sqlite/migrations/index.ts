import { initial } from './001-initial.js';
import { endpoints } from './002-endpoints.js';
import { credentials } from './003-credentials.js';
import { jobsDueIndex } from './004-jobs-due-index.js';
import { accounts } from './005-accounts.js';
import { triggerHardening } from './006-trigger-hardening.js';
import { stepFrames } from './007-step-frames.js';
import { operations } from './008-operations.js';
import { schedules } from './009-schedules.js';
import { runTree } from './010-run-tree.js';
import { settings } from './011-settings.js';
import { drafts } from './012-drafts.js';
import { runSearch } from './013-run-search.js';
import { jobsParkedIndex } from './014-jobs-parked-index.js';
import { holdAndWait } from './015-hold-and-wait.js';
import { variables } from './016-variables.js';
import { datastore } from './017-datastore.js';
import { oauth } from './018-oauth.js';
import { runSearchIndexes } from './019-run-search-indexes.js';
import { dropJobsWorkflowStatus } from './020-drop-jobs-workflow-status.js';
import { stepsRowid } from './021-steps-rowid.js';
import { jobsActiveIndex } from './022-jobs-active-index.js';

/** A numbered schema change. Never edit a shipped one: add the next number. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'endpoints', sql: endpoints },
  { version: 3, name: 'credentials', sql: credentials },
  { version: 4, name: 'jobs-due-index', sql: jobsDueIndex },
  { version: 5, name: 'accounts', sql: accounts },
  { version: 6, name: 'trigger-hardening', sql: triggerHardening },
  { version: 7, name: 'step-frames', sql: stepFrames },
  { version: 8, name: 'operations', sql: operations },
  { version: 9, name: 'schedules', sql: schedules },
  { version: 10, name: 'run-tree', sql: runTree },
  { version: 11, name: 'settings', sql: settings },
  { version: 12, name: 'drafts', sql: drafts },
  { version: 13, name: 'run-search', sql: runSearch },
  { version: 14, name: 'jobs-parked-index', sql: jobsParkedIndex },
  { version: 15, name: 'hold-and-wait', sql: holdAndWait },
  { version: 16, name: 'variables', sql: variables },
  { version: 17, name: 'datastore', sql: datastore },
  { version: 18, name: 'oauth', sql: oauth },
  { version: 19, name: 'run-search-indexes', sql: runSearchIndexes },
  { version: 20, name: 'drop-jobs-workflow-status', sql: dropJobsWorkflowStatus },
  { version: 21, name: 'steps-rowid', sql: stepsRowid },
  { version: 22, name: 'jobs-active-index', sql: jobsActiveIndex },
];
