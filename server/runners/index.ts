import type { z } from 'zod';
import type { nodeTypes, NodeTypeId } from '../../shared/nodes/registry.js';
import type { HttpConfig } from '../../shared/nodes/http.node.js';
import type { CodeConfig } from '../../shared/nodes/code.node.js';
import type { SubworkflowConfig } from '../../shared/nodes/subworkflow.node.js';
import { branchRunner } from './branch.runner.js';
import { filterRunner } from './filter.runner.js';
import { respondRunner } from './respond.runner.js';
import type { StepRunner } from './runner.js';
import { webhookRunner } from './webhook.runner.js';
import { formRunner } from './form.runner.js';
import { delayRunner } from './delay.runner.js';
import { manualRunner } from './manual.runner.js';
import { switchRunner } from './switch.runner.js';
import { loopRunner } from './loop.runner.js';
import { mergeRunner } from './merge.runner.js';
import { scheduleRunner } from './schedule.runner.js';
import { subworkflowTriggerRunner } from './subworkflow-trigger.runner.js';
import type { AppRunners } from './apps/index.js';
import type { WaitConfig } from '../../shared/nodes/wait.node.js';
import type { ApprovalConfig } from '../../shared/nodes/approval.node.js';
import type { DatastoreConfig } from '../../shared/nodes/datastore.node.js';
import type { DedupeConfig } from '../../shared/nodes/dedupe.node.js';

/** One runner per node type, typed by its descriptor's config: a node type without a runner does not compile. */
export type RunnerRegistry = { [K in NodeTypeId]: StepRunner<z.output<(typeof nodeTypes)[K]['configSchema']>> };

/** Assembles the registry; runners with IO dependencies are built by the composition root and passed in. */
export function createRunners(withIo: {
  http: StepRunner<HttpConfig>;
  code: StepRunner<CodeConfig>;
  subworkflow: StepRunner<SubworkflowConfig>;
  wait: StepRunner<WaitConfig>;
  approval: StepRunner<ApprovalConfig>;
  datastore: StepRunner<DatastoreConfig>;
  dedupe: StepRunner<DedupeConfig>;
  apps: AppRunners;
}): RunnerRegistry {
  return {
    webhook: webhookRunner,
    manual: manualRunner,
    http: withIo.http,
    filter: filterRunner,
    branch: branchRunner,
    switch: switchRunner,
    respond: respondRunner,
    code: withIo.code,
    delay: delayRunner,
    loop: loopRunner,
    merge: mergeRunner,
    schedule: scheduleRunner,
    subworkflow: withIo.subworkflow,
    subworkflowTrigger: subworkflowTriggerRunner,
    wait: withIo.wait,
    approval: withIo.approval,
    form: formRunner,
    datastore: withIo.datastore,
    dedupe: withIo.dedupe,
    ...withIo.apps,
  };
}
