import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { CopyButton } from '../ui/copy-button.js';
import { timeAgo } from '../ui/format.js';
import { Icon } from '../ui/icons.js';
import { JsonView } from '../runs/json-view.js';
import type { TriggerView } from '../api/triggers.js';
import { TriggerProtection } from './trigger-protection.js';
import { TriggerRotate } from './trigger-rotate.js';
import { TriggerInbox } from './trigger-inbox.js';

/** Long-polls run up to 30 s each; keep listening for about five minutes before giving up. */
const MAX_POLLS = 10;
/** How often the current rate and the refusals are refreshed while the panel is open. */
const STATS_EVERY_MS = 10_000;

const curlFor = (url: string) => `curl -X POST '${url}' \\\n  -H 'content-type: application/json' \\\n  -d '{"hello": "world"}'`;

/** The webhook trigger's URL, a curl example, and "listen for a test event" to capture sample data. */
export function TriggerPanel({ nodeId }: { nodeId: string }) {
  const api = useApi();
  const workflowId = useApp((s) => s.workflowId);
  const hook = useApp((s) => s.hooks.find((h) => h.nodeId === nodeId));
  const active = useApp((s) => s.active);
  const sample = useApp((s) => s.sample);
  const setSample = useApp((s) => s.setSample);
  const loadSample = useApp((s) => s.loadSample);
  const toast = useApp((s) => s.toast);
  const [listening, setListening] = useState(false);
  const ctrl = useRef<AbortController | null>(null);
  const [view, setView] = useState<TriggerView | undefined>(undefined);
  const [tick, setTick] = useState(0);

  // The trigger's limit, rate, old URLs and refusals: fetched now, every few seconds, and on "Refresh".
  useEffect(() => {
    if (!workflowId || !hook) return;
    let live = true;
    api.triggers.list(workflowId).then(
      (r) => live && setView(r.triggers.find((x) => x.nodeId === nodeId)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api, workflowId, nodeId, hook?.url, tick]);
  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), STATS_EVERY_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (workflowId && !sample) void loadSample(nodeId);
  }, [workflowId, nodeId, sample, loadSample]);
  useEffect(() => () => ctrl.current?.abort(), []);

  const listen = async () => {
    if (!workflowId) return;
    const c = new AbortController();
    ctrl.current = c;
    setListening(true);
    try {
      for (let i = 0; i < MAX_POLLS && !c.signal.aborted; i++) {
        const got = await api.workflows.listen(workflowId, nodeId, c.signal);
        if (got) {
          setSample(got.event);
          toast('success', 'Captured a test event. Its data is now available in the picker and for test runs.');
          return;
        }
      }
      if (!c.signal.aborted) toast('info', 'No request arrived. Send one to the URL, then listen again.');
    } catch (e) {
      if (!c.signal.aborted) toast('error', `Listening stopped: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setListening(false);
    }
  };

  if (!workflowId || !hook) {
    return (
      <section className="panel-section trigger-panel">
        <h3>Trigger URL</h3>
        <p className="muted small">Save the workflow to get its trigger URL.</p>
      </section>
    );
  }
  return (
    <>
      <section className="panel-section trigger-panel" aria-label="Trigger URL">
        <h3>
          Trigger URL <span className={`pill ${active ? 'pill-green' : 'pill-grey'}`}>{active ? 'Active' : 'Inactive'}</span>
        </h3>
        <div className="url-row">
          <input className="input mono" readOnly value={hook.url} aria-label="Trigger URL" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton text={hook.url} label="Copy URL" />
        </div>
        {!active ? <p className="muted small">Inactive: the URL answers 404, except to a request you are listening for.</p> : null}
        {hook.testUrl ? (
          <div className="url-row" title="Runs the draft (the saved version, published or not); live runs are not affected">
            <input className="input mono" readOnly value={hook.testUrl} aria-label="Test URL" onFocus={(e) => e.currentTarget.select()} />
            <CopyButton text={hook.testUrl} label="Copy test URL" />
          </div>
        ) : null}
        <details className="curl">
          <summary>curl example</summary>
          <pre className="code-block">{curlFor(hook.url)}</pre>
          <CopyButton text={curlFor(hook.url)} label="Copy curl" />
        </details>
        <div className="listen-row">
          {listening ? (
            <>
              <span className="listening">
                <span className="pulse" aria-hidden="true" /> Waiting for a request to this URL…
              </span>
              <button type="button" className="button button-small" onClick={() => ctrl.current?.abort()}>
                Stop
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => void listen()}>
              <Icon name="radio" /> Listen for a test event
            </button>
          )}
        </div>
        {sample ? (
          <div className="sample">
            <div className="sample-head">
              <strong>Sample event</strong>{' '}
              <span className="muted small">
                {sample.method}
                {sample.receivedAt ? ` · ${timeAgo(sample.receivedAt, Date.now())}` : ''}
              </span>
            </div>
            <JsonView value={{ body: sample.body, headers: sample.headers, query: sample.query }} label="Sample event" />
          </div>
        ) : null}
      </section>
      <TriggerProtection nodeId={nodeId} view={view} />
      <TriggerRotate workflowId={workflowId} nodeId={nodeId} view={view} onChange={setView} />
      <TriggerInbox workflowId={workflowId} nodeId={nodeId} refreshKey={tick} onRefresh={() => setTick((n) => n + 1)} />
    </>
  );
}
