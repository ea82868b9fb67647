import { useCallback, useEffect, useState } from 'react';
import type { ScheduleInfo } from '../api/schedule-schemas.js';
import { Link } from '../router/link.js';
import { isStepNode } from '../store/flow-types.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { everyText, missedText, needsSeconds, tickText, untilText } from './schedule-text.js';

/** A schedule trigger's next fire times (as saved), in its time zone; a schedule has no URL. */
export function SchedulePanel({ nodeId }: { nodeId: string }) {
  const api = useApi();
  const workflowId = useApp((s) => s.workflowId);
  const version = useApp((s) => s.version);
  const active = useApp((s) => s.active);
  const dirty = useApp((s) => s.dirty);
  const sample = useApp((s) => s.sample);
  const setSample = useApp((s) => s.setSample);
  const loadSample = useApp((s) => s.loadSample);
  const payload = useApp((s) => s.nodes.filter(isStepNode).find((n) => n.id === nodeId)?.data.config.payload);
  const [info, setInfo] = useState<ScheduleInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(async () => {
    if (!workflowId) return;
    try {
      setInfo(await api.workflows.schedule(workflowId));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [api, workflowId]);

  useEffect(() => {
    void load();
  }, [load, version, active]);
  // The latest scheduled run is the sample; before the first, a made-up tick, so the data picker and Test run work at once.
  useEffect(() => {
    if (workflowId) void loadSample(nodeId);
  }, [workflowId, nodeId, loadSample]);
  const upcoming = info?.schedule?.next[0]?.at;
  useEffect(() => {
    if (sample || !upcoming) return;
    const body = { ...(payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : {}), scheduledAt: upcoming, firedAt: upcoming };
    setSample({ method: 'SCHEDULE', headers: { 'content-type': 'application/json' }, query: {}, body });
  }, [sample, upcoming, payload, setSample]);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  // Once the first listed tick has passed, fetch the next ones (at most once a second).
  const first = info?.schedule?.next[0]?.at;
  useEffect(() => {
    if (first && Date.parse(first) <= now) void load();
  }, [first, now, load]);

  if (!workflowId) {
    return (
      <section className="panel-section trigger-panel" aria-label="Schedule">
        <h3>Schedule</h3>
        <p className="muted small">Save the workflow to see when it runs. A schedule has no trigger URL.</p>
      </section>
    );
  }
  const s = info?.schedule?.nodeId === nodeId ? info.schedule : null;
  // Ticks that passed since the last fetch drop out until the next fetch brings new ones.
  const upcomingTicks = s ? s.next.filter((n) => Date.parse(n.at) > now) : [];
  const seconds = needsSeconds(upcomingTicks.map((n) => n.at));
  return (
    <section className="panel-section trigger-panel" aria-label="Schedule">
      <h3>
        Schedule <span className={`pill ${active ? 'pill-green' : 'pill-grey'}`}>{active ? 'Active' : 'Inactive'}</span>
      </h3>
      {error ? <p className="issue-line issue-error">Could not load the schedule: {error}</p> : null}
      {!s && !error ? <p className="muted small">{info ? 'Save the workflow to see this schedule’s times.' : 'Loading…'}</p> : null}
      {s ? (
        <>
          <p className="small">
            Runs{' '}
            {s.mode === 'interval' && s.every !== null ? (
              everyText(s.every)
            ) : (
              <>
                at <code>{s.cron}</code>
              </>
            )}
            , times in <strong>{s.timezone}</strong>.
          </p>
          {dirty ? <p className="muted small">Showing the saved version: save to see your changes.</p> : null}
          <h4 className="field-label">{active ? 'Next runs' : 'Would run at (once active)'}</h4>
          <ol className="schedule-ticks" aria-label="Next runs">
            {upcomingTicks.map((n) => (
              <li key={n.at} title={n.local}>
                <span>{tickText(n.at, s.timezone, seconds)}</span> <span className="muted small">{untilText(n.at, now)}</span>
              </li>
            ))}
          </ol>
          {s.next.length === 0 ? <p className="muted small">This schedule never runs again.</p> : null}
          <p className="muted small">{missedText(s.missed)}</p>
          {s.lastTick ? (
            <p className="muted small">
              Last run for the tick of {tickText(s.lastTick.at, s.timezone, true)}
              {s.lastRunId ? (
                <>
                  {' '}
                  · <Link to={`/runs/${encodeURIComponent(s.lastRunId)}`}>open the run →</Link>
                </>
              ) : null}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
