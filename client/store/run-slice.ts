import { finishedRunStatuses } from '../../shared/runs/run-status.js';
import type { CapturedEvent, RunDetail, Step } from '../api/types.js';
import type { Slice } from './slice.js';

/** What the editor shows from real runs: the sample event and the run painted on the canvas. */
export interface RunSlice {
  /** The captured trigger event: data for the picker and the body of test runs. */
  sample: CapturedEvent | null;
  /** The run drawn on the canvas (the latest run, or a test run in progress). */
  editorRun: RunDetail | null;
  /** The canvas run's steps by node id (kept beside the run so node badges look up in O(1)). */
  editorSteps: Record<string, Step>;
  /** Set while a test run is being started or is in progress. */
  testRunId: string | null;
  setSample: (event: CapturedEvent | null) => void;
  loadSample: (nodeId: string) => Promise<void>;
  loadLatestRun: () => Promise<void>;
  /** Re-reads the canvas run; returns true while it is still in progress. */
  refreshEditorRun: () => Promise<boolean>;
  /** Saves if needed, then runs the saved version with the sample event. */
  testRun: () => Promise<void>;
}

/** The latest attempt's status of each node in a run. */
export function stepsByNode(run: RunDetail | null): Record<string, Step> {
  const out: Record<string, Step> = {};
  for (const s of run?.steps ?? []) out[s.nodeId] = s;
  return out;
}

/** The run shown on the canvas, with its step index. */
export const withRun = (run: RunDetail | null) => ({ editorRun: run, editorSteps: stepsByNode(run) });

export const isRunFinished = (status: string): boolean => finishedRunStatuses.has(status as never);

export const createRunSlice: Slice<RunSlice> =
  ({ api }) =>
  (set, get) => ({
    sample: null,
    editorRun: null,
    editorSteps: {},
    testRunId: null,

    setSample: (event) => set({ sample: event }),

    loadSample: async (nodeId) => {
      const id = get().workflowId;
      if (!id) return;
      try {
        const { event } = await api.workflows.sample(id, nodeId);
        if (get().workflowId === id) set({ sample: event });
      } catch {
        // No sample captured yet: the trigger panel says how to get one.
      }
    },

    loadLatestRun: async () => {
      const id = get().workflowId;
      if (!id) return;
      try {
        const { runs } = await api.runs.list({ workflowId: id, limit: 1 });
        const latest = runs[0];
        if (!latest || get().workflowId !== id) return;
        const shown = get().editorRun;
        // Nothing new: the shown run is the latest and has finished.
        if (shown?.id === latest.id && isRunFinished(shown.status)) return;
        const run = await api.runs.get(latest.id);
        if (get().workflowId === id && !get().testRunId) set(withRun(run));
      } catch {
        // The canvas simply shows no run badges.
      }
    },

    refreshEditorRun: async () => {
      const current = get().editorRun;
      const runId = get().testRunId ?? current?.id;
      if (!runId) return false;
      try {
        const run = await api.runs.get(runId);
        const done = isRunFinished(run.status);
        set({ ...withRun(run), ...(done && get().testRunId === runId ? { testRunId: null } : {}) });
        if (done && get().testRunId === null && runId === run.id && current?.status !== run.status) {
          get().toast(run.status === 'succeeded' ? 'success' : 'error', `Test run ${run.status}.`);
        }
        return !done;
      } catch {
        return false;
      }
    },

    testRun: async () => {
      let id: string | null | undefined = get().workflowId;
      if (!id || get().dirty) id = await get().save();
      if (!id) return;
      const sample = get().sample;
      try {
        const event = sample ? { body: sample.body, headers: sample.headers, query: sample.query, method: sample.method } : undefined;
        const { runId } = await api.workflows.testRun(id, event);
        set({ testRunId: runId, ...withRun(null), bottomOpen: true });
        get().toast('info', sample ? 'Test run started with the sample event.' : 'Test run started.');
        await get().refreshEditorRun();
      } catch (e) {
        get().toast('error', `Could not start a test run: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
  });
