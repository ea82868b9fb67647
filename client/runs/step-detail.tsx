import { useState, type ReactNode } from 'react';
import type { Attempt, Step } from '../api/types.js';
import { Link } from '../router/link.js';
import { dateTime, duration, shortId } from '../ui/format.js';
import { StatusBadge } from '../ui/status-badge.js';
import { JsonView } from './json-view.js';
import { childRunIdOf } from './run-frames.js';

type Tab = 'output' | 'input' | 'error' | 'logs';

const asRecord = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** A step error as a person reads it: message first, then code and line when known. */
export function ErrorBox({ error }: { error: unknown }) {
  if (error === undefined || error === null) return null;
  const e = asRecord(error);
  const message = typeof e?.message === 'string' ? e.message : typeof error === 'string' ? error : JSON.stringify(error);
  const line = typeof e?.line === 'number' ? e.line : undefined;
  return (
    <div className="error-box" role="alert">
      <strong>{message}</strong>
      <div className="muted small">
        {typeof e?.code === 'string' ? <code>{e.code}</code> : null}
        {line !== undefined ? ` · line ${line}${typeof e?.column === 'number' ? `:${e.column}` : ''}` : null}
        {e?.retryable === true ? ' · will be retried' : null}
      </div>
    </div>
  );
}

function Attempts({ attempts }: { attempts: Attempt[] }) {
  if (attempts.length <= 1) return null;
  return (
    <ol className="attempts" aria-label="Attempts">
      {attempts.map((a) => (
        <li key={a.attempt}>
          <span>Attempt {a.attempt}</span> <StatusBadge status={a.status} small />
          <span className="muted small"> {duration(a.startedAt, a.finishedAt)}</span>
          {a.error ? <span className="muted small"> · {String(asRecord(a.error)?.message ?? '')}</span> : null}
          {a.nextAttemptAt ? <span className="muted small"> · next try {dateTime(a.nextAttemptAt)}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/**
 * Everything about one step of a run: status, timing, attempts, and input/output/error/logs.
 * `actions` sit in the header (replay from here); `children` under it (a loop's items).
 */
export function StepDetail({ step, title, actions, children }: { step: Step; title: string; actions?: ReactNode; children?: ReactNode }) {
  const childRunId = childRunIdOf(step);
  const [tab, setTab] = useState<Tab>(step.error && (step.output === undefined || step.output === null) ? 'error' : 'output');
  const tabs: { id: Tab; label: string; show: boolean }[] = [
    { id: 'output', label: 'Output', show: true },
    { id: 'input', label: 'Input', show: true },
    { id: 'error', label: 'Error', show: step.error !== undefined && step.error !== null },
    { id: 'logs', label: 'Logs', show: Array.isArray(step.logs) ? step.logs.length > 0 : step.logs !== undefined && step.logs !== null },
  ];
  return (
    <div className="step-detail" aria-label={`Step ${title}`}>
      <header className="step-head">
        <h3>{title}</h3>
        <StatusBadge status={step.status} />
        <span className="muted small">
          {duration(step.startedAt, step.finishedAt)} · attempt {step.attempt}
        </span>
        {actions ? <span className="step-actions">{actions}</span> : null}
      </header>
      {step.status === 'waiting' && step.nextAttemptAt ? <p className="waiting-until small">Waiting until {dateTime(step.nextAttemptAt)}</p> : null}
      {childRunId ? (
        <p className="small child-run-link">
          Sub-workflow run <Link to={`/runs/${encodeURIComponent(childRunId)}`}>{shortId(childRunId)} · open it →</Link>
        </p>
      ) : null}
      <Attempts attempts={step.attempts} />
      {children}
      <div className="tabs" role="tablist" aria-label="Step data">
        {tabs
          .filter((t) => t.show)
          .map((t) => (
            <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'active' : ''} onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {tab === 'output' ? <JsonView value={step.output ?? undefined} label="Output" empty={step.status === 'skipped' ? 'Skipped: this path was not taken.' : 'No output.'} /> : null}
        {tab === 'input' ? <JsonView value={step.input ?? undefined} label="Input" empty="No input recorded." /> : null}
        {tab === 'error' ? <ErrorBox error={step.error} /> : null}
        {tab === 'logs' ? <JsonView value={step.logs ?? undefined} label="Logs" /> : null}
      </div>
    </div>
  );
}
