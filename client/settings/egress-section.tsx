import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.js';
import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Icon } from '../ui/icons.js';
import { ErrorState, LoadingState } from '../ui/states.js';

/** The server's reason, with the first problem it names (e.g. which entry is not a CIDR). */
const reasonOf = (e: unknown): string => (e instanceof ApiError && e.issues[0] ? e.issues[0].message : e instanceof Error ? e.message : String(e));

/**
 * Settings › Egress (owners): the private addresses and host names outbound steps may reach.
 * EGRESS_ALLOW entries are shown but cannot be removed here; added entries apply to the next
 * outbound request, no restart.
 */
export function EgressSection() {
  const api = useApi();
  const toast = useApp((s) => s.toast);
  const { state, reload, setData } = useAsync(() => api.ops.egress(), [api]);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const s = state.data;

  const save = async (entries: string[], done: string) => {
    setSaving(true);
    setProblem(null);
    try {
      setData(await api.ops.setEgress(entries));
      toast('success', done);
      return true;
    } catch (e) {
      setProblem(reasonOf(e));
      return false;
    } finally {
      setSaving(false);
    }
  };
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const entry = draft.trim();
    if (!s || !entry) return;
    if (s.effective.includes(entry)) return setProblem(`${entry} is already allowed.`);
    if (await save([...s.entries, entry], `Outbound steps may now reach ${entry}.`)) setDraft('');
  };
  const remove = (entry: string) =>
    s
      ? void save(
          s.entries.filter((x) => x !== entry),
          `Removed ${entry}.`,
        )
      : undefined;

  return (
    <section className="card section-card" aria-labelledby="egress-h">
      <h2 id="egress-h">Egress</h2>
      <p className="muted small">
        HTTP, app and email steps may not reach loopback, private or link-local addresses (the SSRF guard), so a workflow cannot be used to probe your network. Allow the ones your workflows need: a
        CIDR (<code>10.0.0.0/8</code>), an address (<code>127.0.0.1</code>) or a host name (<code>crm.internal</code>, <code>*.corp.example</code>). Changes apply to the next request.
      </p>
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !s ? <LoadingState /> : null}
      {s ? (
        <>
          {s.effective.length === 0 ? <p className="muted small">Nothing private is allowed: only public addresses are reachable.</p> : null}
          <ul className="egress-list" aria-label="Allowed destinations">
            {s.floor.map((entry) => (
              <li key={`floor-${entry}`}>
                <code>{entry}</code>
                <span className="pill pill-grey" title="Set by the server's environment (EGRESS_ALLOW); change it there and restart">
                  from EGRESS_ALLOW
                </span>
              </li>
            ))}
            {s.entries
              .filter((entry) => !s.floor.includes(entry))
              .map((entry) => (
                <li key={entry}>
                  <code>{entry}</code>
                  <button type="button" className="button button-small button-ghost" aria-label={`Remove ${entry}`} disabled={saving} onClick={() => remove(entry)}>
                    Remove
                  </button>
                </li>
              ))}
          </ul>
          <form className="key-form" onSubmit={add}>
            <input
              className="input mono"
              placeholder="e.g. 127.0.0.1/32 or crm.internal"
              aria-label="New allowed destination"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              maxLength={253}
              aria-invalid={problem !== null}
              aria-describedby={problem ? 'egress-problem' : undefined}
            />
            <button className="button button-primary" disabled={!draft.trim() || saving}>
              <Icon name="plus" size={14} />
              Allow
            </button>
          </form>
          {problem ? (
            <p id="egress-problem" className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
