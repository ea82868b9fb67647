import type { Db } from './store/sqlite/database.js';
import { createEventRepo } from './store/sqlite/event-repo.js';
import { createJobRepo } from './store/sqlite/job-repo.js';
import { createRunRepo } from './store/sqlite/run-repo.js';
import { createStepRepo } from './store/sqlite/step-repo.js';
import { createTriggerRepo } from './store/sqlite/trigger-repo.js';
import { createUserRepo } from './store/sqlite/user-repo.js';
import { createWorkflowRepo } from './store/sqlite/workflow-repo.js';

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
