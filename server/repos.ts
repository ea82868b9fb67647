import type { Db } from './db/database.js';
import { createEventRepo } from './db/event-repo.js';
import { createJobRepo } from './db/job-repo.js';
import { createRunRepo } from './db/run-repo.js';
import { createStepRepo } from './db/step-repo.js';
import { createTriggerRepo } from './db/trigger-repo.js';
import { createUserRepo } from './db/user-repo.js';
import { createWorkflowRepo } from './db/workflow-repo.js';

/** Every repository over one database handle. */
export function createRepos(db: Db) {
  return {
    workflows: createWorkflowRepo(db),
    triggers: createTriggerRepo(db),
    events: createEventRepo(db),
    runs: createRunRepo(db),
    steps: createStepRepo(db),
    jobs: createJobRepo(db),
    users: createUserRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;
