import { getNodeType } from '../../shared/nodes/registry.js';
import { scheduleConfigSchema, type MissedPolicy, type ScheduleConfig } from '../../shared/nodes/schedule.node.js';
import type { WorkflowPort } from '../store/ports/workflows.js';
import { specKey, specOf, type ScheduleSpec } from './schedule-ticks.js';

/** A schedule trigger of an active workflow, as the driver plans it. */
export interface ActiveSchedule {
  workflowId: string;
  nodeId: string;
  spec: ScheduleSpec;
  specKey: string;
  missed: MissedPolicy;
  payload: Record<string, unknown> | undefined;
  concurrency: number;
}

/** A schedule trigger node with its parsed config. */
export interface ScheduleTrigger {
  nodeId: string;
  config: ScheduleConfig;
  concurrency: number | undefined;
}

/** A workflow's current schedule trigger: absent when its trigger is something else, `invalid` when its stored config no longer parses. */
export async function scheduleTriggerOf(workflows: Pick<WorkflowPort, 'get' | 'getVersion'>, workflowId: string): Promise<ScheduleTrigger | 'invalid' | undefined> {
  const wf = await workflows.get(workflowId);
  // The published version's schedule is the one that fires; a draft's edits wait for Publish.
  const version = wf && (await workflows.getVersion(wf.id, wf.publishedVersion ?? wf.currentVersion));
  const trigger = version?.definition.nodes.find((n) => getNodeType(n.type)?.kind === 'trigger');
  if (!version || trigger?.type !== 'schedule') return undefined;
  const parsed = scheduleConfigSchema.safeParse(trigger.config);
  return parsed.success ? { nodeId: trigger.id, config: parsed.data, concurrency: version.definition.settings.concurrency } : 'invalid';
}

/**
 * Every active workflow whose trigger is a schedule. Read in full, but only when a workflow
 * changed (the driver caches the answer). A stored config that no longer parses (a node type
 * that changed under it) is reported through `onInvalid` and left out rather than guessed at.
 */
export async function loadActiveSchedules(
  workflows: Pick<WorkflowPort, 'get' | 'getVersion' | 'list'>,
  defaultConcurrency: number,
  onInvalid: (workflowId: string) => void,
): Promise<ActiveSchedule[]> {
  const out: ActiveSchedule[] = [];
  for (const wf of await workflows.list()) {
    if (!wf.active) continue;
    const found = await scheduleTriggerOf(workflows, wf.id);
    if (found === 'invalid') onInvalid(wf.id);
    if (found === undefined || found === 'invalid') continue;
    const spec = specOf(found.config);
    out.push({
      workflowId: wf.id,
      nodeId: found.nodeId,
      spec,
      specKey: specKey(spec),
      missed: found.config.missed,
      payload: found.config.payload,
      concurrency: found.concurrency ?? defaultConcurrency,
    });
  }
  return out;
}
