import { useCallback, useEffect, useState } from 'react';
import type { RejectionItem } from '../api/triggers.js';
import { useApi } from '../ui/api-context.js';

/** What each refusal reason means, in words a person can act on. */
const reasons: Record<string, string> = {
  rate_limited: 'Over the rate limit',
  ip_not_allowed: 'Address not on the allow-list',
  body_too_large: 'Body too large',
  malformed_body: 'Body not valid for its type',
  method_not_allowed: 'Method not accepted',
  idempotency_key_too_long: 'Idempotency-Key too long',
  signature_mismatch: 'Signature does not match',
  signature_missing: 'No signature',
  timestamp_out_of_range: 'Signed timestamp too old or new',
  credential_missing: 'Trigger credential missing',
  auth_missing: 'No credentials sent',
  auth_mismatch: 'Wrong credentials',
};
const reasonText = (r: string) => reasons[r] ?? r.replace(/_/g, ' ');
const time = (ms: number) => new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const size = (n: number | null) => (n === null ? '—' : n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** The trigger's refused requests of the last day, newest first: reason, time, source; never the body. Reloads when `refreshKey` changes. */
export function TriggerInbox({ workflowId, nodeId, refreshKey, onRefresh }: { workflowId: string; nodeId: string; refreshKey: number; onRefresh: () => void }) {
  const api = useApi();
  const [items, setItems] = useState<RejectionItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (after?: string) => {
      setLoading(true);
      try {
        const page = await api.triggers.rejections(workflowId, { nodeId, limit: 20, ...(after ? { cursor: after } : {}) });
        setItems((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      } finally {
        setLoading(false);
      }
    },
    [api, workflowId, nodeId],
  );
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  return (
    <section className="panel-section trigger-inbox" aria-label="Rejected requests">
      <h3>
        Rejected requests <span className="muted small">last 24 hours</span>
      </h3>
      {error ? (
        <p className="field-error small" role="alert">
          {error}
        </p>
      ) : null}
      {!error && items.length === 0 ? <p className="muted small">{loading ? 'Loading…' : 'None: every request in the last day was accepted.'}</p> : null}
      {items.length ? (
        <table className="small inbox-table" aria-label="Rejected requests" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th align="left">Time</th>
              <th align="left">Reason</th>
              <th align="left">From</th>
              <th align="right">Size</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} title={[`${i.method} · HTTP ${i.status}`, ...Object.entries(i.headers).map(([k, v]) => `${k}: ${v}`)].join('\n')}>
                <td>{time(i.at)}</td>
                <td>
                  <span className="pill pill-grey">{i.status}</span> {reasonText(i.reason)}
                </td>
                <td className="mono">{i.source ?? 'unknown'}</td>
                <td align="right">{size(i.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <div className="listen-row">
        <button type="button" className="button button-small" onClick={onRefresh} disabled={loading}>
          Refresh
        </button>
        {cursor ? (
          <button type="button" className="button button-small" onClick={() => void load(cursor)} disabled={loading}>
            Older
          </button>
        ) : null}
      </div>
    </section>
  );
}
