import { TEST_RUN_PATH } from '../engine/test-run.js';
import { AppError } from '../../shared/errors.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import type { Clock } from '../lib/clock.js';
import type { Store } from '../store/ports/store.js';
import type { AcceptEvent } from '../ingest/accept-event.js';
import type { CapturedEvent } from '../ingest/captured-event.js';
import type { createWaiters } from '../ingest/trigger-waiters.js';
import { triggerData, type VersionCache } from '../executor/run-state.js';

export interface TestEventsDeps {
  store: Pick<Store, 'workflows' | 'runs'>;
  versions: VersionCache;
  listeners: ReturnType<typeof createWaiters<CapturedEvent>>;
  accept: AcceptEvent;
  clock: Clock;
  defaultConcurrency: number;
  onQueued: () => void;
  /** The workflow's test runs still going, oldest first; a new test run replaces them. */
  unfinishedTestRuns?: (workflowId: string) => Promise<string[]>;
  /** Cancels a run as a person would (its steps, children and worker with it). */
  cancelRun?: (runId: string) => Promise<unknown>;
}

// The path a test run's event carries, which tells test runs from real ones (engine/test-run.ts).
export { TEST_RUN_PATH };

/** The editor's test loop: wait for a real request, keep it as sample data, run the saved workflow on it. */
export function createTestEvents(d: TestEventsDeps) {
  const samples = new Map<string, CapturedEvent>();

  /** The draft's trigger (test runs, listening), or with `live` the published version's ("Run now"; the draft when never published). */
  const triggerOf = async (workflowId: string, nodeId?: string, live = false) => {
    const wf = await d.store.workflows.get(workflowId);
    if (!wf) throw new AppError('NOT_FOUND', 404, `There is no workflow with id "${workflowId}".`);
    const number = live ? (wf.publishedVersion ?? wf.currentVersion) : wf.currentVersion;
    const version = await d.versions(workflowId, number);
    const node = nodeId ? version?.nodes.get(nodeId) : version?.trigger;
    if (!version || !node || getNodeType(node.type)?.kind !== 'trigger') throw new AppError('BAD_REQUEST', 400, 'Name a trigger node of this workflow.');
    return { wf, number, version, node };
  };

  const sample = async (workflowId: string, nodeId?: string): Promise<CapturedEvent | undefined> => {
    const { version, node } = await triggerOf(workflowId, nodeId);
    const kept = samples.get(`${workflowId}:${node.id}`);
    if (kept) return kept;
    const id = await d.store.runs.latestEventId(workflowId, node.id);
    const stored = id ? await d.store.runs.getEvent(id) : undefined;
    if (!stored) return undefined;
    const t = triggerData(stored, version.trigger);
    return { method: t.method, headers: t.headers, query: t.query, body: t.body, receivedAt: stored.receivedAt };
  };

  return {
    sample,
    async listen(workflowId: string, nodeId: string, timeoutMs: number): Promise<CapturedEvent | undefined> {
      await triggerOf(workflowId, nodeId);
      const event = await d.listeners.wait(`${workflowId}:${nodeId}`, timeoutMs);
      if (event) samples.set(`${workflowId}:${nodeId}`, event);
      return event;
    },
    /**
     * "Run now": a run of the saved version (active or not) with `payload` as `trigger.body`, or
     * the manual trigger's sample payload. An idempotency key makes a retried call harmless.
     */
    async runNow(workflowId: string, payload: unknown, idempotencyKey?: string) {
      const { number, version, node } = await triggerOf(workflowId, undefined, true);
      const sample = (node.config as { samplePayload?: unknown }).samplePayload;
      const body = Buffer.from(JSON.stringify(payload === undefined ? (sample ?? null) : payload));
      const now = d.clock.now();
      const outcome = await d.accept({
        event: { workflowId, nodeId: node.id, dedupeKey: idempotencyKey ?? null, method: 'MANUAL', path: '/run', query: {}, headers: { 'content-type': 'application/json' }, body, receivedAt: now },
        version: number,
        concurrency: version.definition.settings.concurrency ?? d.defaultConcurrency,
      });
      if (outcome.kind === 'held') throw new Error('a manual run was held: only live trigger URLs hold events');
      if (outcome.kind === 'accepted') d.onQueued();
      return outcome;
    },
    /** Runs the saved version (active or not) on an event given here, or on the trigger's sample. */
    async testRun(workflowId: string, given: Omit<CapturedEvent, 'receivedAt'> | undefined, nodeId?: string): Promise<string> {
      const { number, version, node } = await triggerOf(workflowId, nodeId);
      const event = given ?? (await sample(workflowId, node.id));
      if (!event) throw new AppError('BAD_REQUEST', 400, 'There is no sample event yet: pass one as "event" or listen for a test event first.');
      // A new test run replaces one still going (an HTTP step waiting minutes for a retry, say):
      // the person wants the new result, and the old run would hold the workflow's concurrency.
      for (const old of (await d.unfinishedTestRuns?.(workflowId)) ?? []) {
        await d.cancelRun?.(old).catch(() => undefined); // it may have ended meanwhile
      }
      const body = Buffer.from(JSON.stringify(event.body ?? null));
      const now = d.clock.now();
      const outcome = await d.accept({
        event: {
          workflowId,
          nodeId: node.id,
          dedupeKey: null,
          method: event.method,
          path: TEST_RUN_PATH,
          query: event.query,
          headers: { ...event.headers, 'content-type': 'application/json' },
          body,
          receivedAt: now,
        },
        version: number, // the draft: test runs never touch what is live
        concurrency: version.definition.settings.concurrency ?? d.defaultConcurrency,
      });
      d.onQueued();
      if (outcome.kind === 'held') throw new Error('a test run was held: only live trigger URLs hold events');
      return outcome.runId;
    },
  };
}
export type TestEvents = ReturnType<typeof createTestEvents>;
