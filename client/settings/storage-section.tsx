import { useState } from 'react';
import type { Storage } from '../api/ops.js';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { timeAgo } from '../ui/format.js';
import { ErrorState, LoadingState } from '../ui/states.js';

/** "12.3 MB" style sizes. */
export function bytes(n: number): string {
  const abs = Math.abs(n);
  if (abs < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(Math.abs(v) < 10 ? 1 : 0)} ${units[i]}`;
}

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${bytes(Math.abs(n))}`;
/** "+1.2 MB in the last day · +8 MB in the last week", or why there is nothing yet. */
function growthText(g: Storage['growth']): string {
  const parts = [g.lastDay && `${signed(g.lastDay.bytes)} in the last day`, g.lastWeek && `${signed(g.lastWeek.bytes)} in the last week`].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'sampled hourly; shown once a day of samples exists';
}
const kept = (days: number | null, count: number | null) =>
  [days === null ? 'for ever' : `${days} days`, count === null ? null : `at most the newest ${count.toLocaleString()} per workflow`].filter(Boolean).join(', ');

/** The file size over the sampled history, as a small line. */
function Sparkline({ points }: { points: Storage['history'] }) {
  if (points.length < 2) return null;
  const xs = points.map((p) => p.at);
  const ys = points.map((p) => p.dbBytes);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = 240;
  const h = 40;
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${(((p.at - x0) / (x1 - x0 || 1)) * w).toFixed(1)},${(h - ((p.dbBytes - y0) / (y1 - y0 || 1)) * (h - 4) - 2).toFixed(1)}`).join(' ');
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Database size from ${bytes(ys[0] ?? 0)} to ${bytes(ys[ys.length - 1] ?? 0)}`}>
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/** Settings › Storage: how big the database is, how it grows, and the retention that keeps it bounded. */
export function StorageSection({ canSweep = false }: { canSweep?: boolean }) {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const { state, reload } = useAsync(() => api.ops.storage(), [api]);
  const [sweeping, setSweeping] = useState(false);
  const now = Date.now();

  const sweep = async () => {
    setSweeping(true);
    try {
      const r = await api.ops.sweep();
      toast('success', `Retention removed ${r.runs} runs and ${r.events} events.`);
    } catch (e) {
      toast('error', `Could not run retention: ${e instanceof Error ? e.message : String(e)}`);
    }
    setSweeping(false);
    reload();
  };

  const s = state.data;
  return (
    <section className="card section-card" aria-labelledby="storage-h">
      <div className="section-head">
        <h2 id="storage-h">Storage</h2>
        {canSweep ? (
          <button type="button" className="button" disabled={sweeping || !s} onClick={() => void sweep()}>
            {sweeping ? 'Removing…' : 'Apply retention now'}
          </button>
        ) : null}
      </div>
      <p className="muted small">Run history lives in one SQLite file. Retention removes old runs on a timer; incremental vacuum gives the space back.</p>
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !s ? <LoadingState /> : null}
      {s ? (
        <>
          <dl className="facts" aria-label="Database size">
            <dt>Database</dt>
            <dd>
              {bytes(s.totalBytes)}{' '}
              <span className="muted small">
                ({bytes(s.dbBytes)} file, {bytes(s.walBytes)} write-ahead log, {bytes(s.freeBytes)} free inside)
              </span>
            </dd>
            <dt>Growth</dt>
            <dd>
              {growthText(s.growth)} <Sparkline points={s.history} />
            </dd>
            <dt>Holds</dt>
            <dd>
              {s.counts.runs.toLocaleString()} runs, {s.counts.steps.toLocaleString()} step records, {s.counts.events.toLocaleString()} events, {s.counts.workflows} workflows
            </dd>
            <dt>Retention</dt>
            <dd>
              Succeeded and cancelled runs: {kept(s.retention.days, s.retention.maxRuns)}. Failed runs: {kept(s.retention.failedDays, s.retention.failedMaxRuns)}.
              <div className="muted small">Server defaults (RETENTION_* settings); a workflow’s own settings may change them.</div>
            </dd>
            <dt>Large payloads</dt>
            <dd>{s.stepPayloadMaxBytes > 0 ? `Step inputs and outputs over ${bytes(s.stepPayloadMaxBytes)} are kept as a preview once the run ends; the event stays whole.` : 'Kept whole.'}</dd>
            <dt>Last cleanup</dt>
            <dd>{s.lastSweep ? `${timeAgo(new Date(s.lastSweep.at).toISOString(), now)}: ${s.lastSweep.runs} runs and ${s.lastSweep.events} events removed` : 'not since the server started'}</dd>
          </dl>
          {s.autoVacuum !== 'incremental' ? (
            <p className="muted small" role="note">
              This database does not give free space back yet: stop the server and run <code>npm run switchyard -- vacuum</code> (or <code>switchyard vacuum</code> where it is installed as a package).
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
