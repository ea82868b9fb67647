import { useEffect, useState } from 'react';
import { runStatuses } from '../../shared/runs/run-status.js';
import type { BulkReplayResult } from '../api/run-control.js';
import { bulkRequest, type BulkReplayForm } from './bulk-replay.js';
import type { WorkflowSummary } from '../api/types.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Dialog } from '../ui/dialog.js';
import { shortId } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { ChoiceField } from '../editor/inspector/choice-field.js';

/**
 * Replays every run that matches a filter: first a dry run counts them (and, from the failed
 * step, lists runs that cannot), then the person confirms the number. Changing the filter asks
 * for a new count, so the confirmed number is always the one shown.
 */
export function BulkReplayDialog({
  open,
  onClose,
  workflows,
  initial,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  workflows: readonly WorkflowSummary[];
  initial: Partial<BulkReplayForm>;
  onDone: () => void;
}) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const blank: BulkReplayForm = { workflowId: '', status: 'failed', errorCode: '', from: '', to: '', replayFrom: 'start', version: 'current' };
  const [form, setForm] = useState<BulkReplayForm>({ ...blank, ...initial });
  const [count, setCount] = useState<BulkReplayResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) {
      setForm({ ...blank, ...initial, status: initial.status || 'failed' });
      setCount(null);
      setError(null);
    }
    // Each opening starts from the runs page's filters.
  }, [open]);

  const change = (patch: Partial<BulkReplayForm>) => {
    setForm({ ...form, ...patch });
    setCount(null);
  };
  const call = async (dryRun: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.runControl.replayMatching(bulkRequest(form, dryRun));
      if (dryRun) setCount(res);
      else {
        toast('success', `Started ${res.count} replay${res.count === 1 ? '' : 's'}.`);
        onClose();
        onDone();
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const n = count?.count ?? 0;
  return (
    <Dialog
      open={open}
      title="Replay runs"
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void call(true)}>
            {count ? 'Count again' : 'Count matching runs'}
          </button>
          <button type="button" className="button button-primary" disabled={busy || !count || n === 0} onClick={() => void call(false)}>
            <Icon name="replay" size={14} />
            {count ? `Replay ${n} run${n === 1 ? '' : 's'}` : 'Replay'}
          </button>
        </>
      }
    >
      <div className="bulk-grid">
        <label className="field">
          <span>Workflow</span>
          <select className="input" value={form.workflowId} onChange={(e) => change({ workflowId: e.target.value })}>
            <option value="">All workflows</option>
            {workflows.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Status</span>
          <select className="input" value={form.status} onChange={(e) => change({ status: e.target.value })}>
            <option value="">Any status</option>
            {runStatuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Error code</span>
          <input className="input mono" value={form.errorCode} placeholder="e.g. http_server_error" onChange={(e) => change({ errorCode: e.target.value })} />
        </label>
      </div>
      <div className="bulk-grid two">
        <label className="field">
          <span>Created from</span>
          <input className="input" type="datetime-local" step={1} value={form.from} onChange={(e) => change({ from: e.target.value })} />
        </label>
        <label className="field">
          <span>Created until</span>
          <input className="input" type="datetime-local" step={1} value={form.to} onChange={(e) => change({ to: e.target.value })} />
        </label>
      </div>
      <div className="bulk-grid two">
        <ChoiceField
          label="Start each replay"
          value={form.replayFrom}
          onChange={(v) => change({ replayFrom: v })}
          choices={[
            { value: 'start', label: 'From the start', hint: 'The whole run again, from its trigger event.' },
            { value: 'failedStep', label: 'From the failed step', hint: 'Reuses the results before the step that failed; runs that did not fail at a step are left out.' },
          ]}
        />
        <ChoiceField
          label="On"
          value={form.version}
          onChange={(v) => change({ version: v })}
          choices={[
            { value: 'current', label: 'The current version', hint: 'With the fixes saved since.' },
            { value: 'original', label: 'Each run’s own version', hint: 'Exactly as they ran.' },
          ]}
        />
      </div>
      <div className="bulk-count" role="status" aria-live="polite">
        {count ? (
          <>
            <strong>{n === 0 ? 'No run matches.' : `${n} run${n === 1 ? '' : 's'} will be replayed${count.truncated ? ' (the oldest 1000; more match)' : ''}.`}</strong>
            {count.skipped.length ? (
              <details>
                <summary>
                  {count.skipped.length} matching run{count.skipped.length === 1 ? '' : 's'} cannot start at a failed step
                </summary>
                <ul className="small">
                  {count.skipped.slice(0, 20).map((s) => (
                    <li key={s.runId}>
                      <code title={s.runId}>{shortId(s.runId)}</code> {s.message}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        ) : (
          <span className="muted small">Count the matching runs first; the replay starts only after you confirm the number.</span>
        )}
      </div>
      {error ? (
        <p className="issue-line issue-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
