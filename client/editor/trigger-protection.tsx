import { useEffect, useState } from 'react';
import { isIpOrCidr } from '../../shared/nodes/webhook.node.js';
import type { TriggerView } from '../api/triggers.js';
import { useApp } from '../store/store-context.js';

type OwnLimit = { requests: number; per: 'second' | 'minute'; burst?: number };

const perLabel = (per: 'second' | 'minute') => (per === 'second' ? 's' : 'min');
const whole = (text: string): number | undefined => (/^\d{1,7}$/.test(text.trim()) && Number(text) >= 1 ? Number(text) : undefined);

/** The trigger's own rate limit and IP allow-list (saved with the workflow), with the rate it sees now. */
export function TriggerProtection({ nodeId, view }: { nodeId: string; view: TriggerView | undefined }) {
  const config = useApp((s) => (s.nodes.find((n) => n.id === nodeId)?.data as { config?: Record<string, unknown> } | undefined)?.config ?? {});
  const updateConfig = useApp((s) => s.updateConfig);
  const own = config.rateLimit as OwnLimit | undefined;
  const listed = (config.allowedIps as string[] | undefined) ?? [];
  const listedText = listed.join('\n');
  const [ips, setIps] = useState(listedText);
  // Undo, redo or a reload change the saved list: show it.
  useEffect(() => setIps(listedText), [listedText]);

  const write = (key: 'rateLimit' | 'allowedIps', value: unknown) => {
    const { [key]: _old, ...rest } = config;
    updateConfig(nodeId, value === undefined ? rest : { ...rest, [key]: value }, key);
  };
  const setLimit = (patch: Partial<OwnLimit>) => {
    const next = { requests: own?.requests ?? 10, per: own?.per ?? 'second', ...(own?.burst !== undefined ? { burst: own.burst } : {}), ...patch };
    if (patch.burst === undefined && 'burst' in patch) delete next.burst;
    write('rateLimit', next);
  };
  const lines = ips
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const bad = lines.filter((l) => !isIpOrCidr(l));
  const limit = view?.rateLimit;

  return (
    <section className="panel-section trigger-protection" aria-label="Rate limit and allow-list">
      <h3>Rate limit</h3>
      <p className="small" role="status" aria-label="Current rate">
        <strong>{view ? view.rate.requestsLastMinute : '…'}</strong> requests in the last minute
        {view && view.rate.limitedLastMinute > 0 ? (
          <>
            , <strong className="field-error">{view.rate.limitedLastMinute} refused</strong> (429)
          </>
        ) : null}
        {limit ? (
          <>
            {' '}
            · limit {limit.requests.toLocaleString()}/{perLabel(limit.per)}, bursts of {limit.burst.toLocaleString()}
            {limit.source === 'default' ? ' (server default)' : ''}
          </>
        ) : view ? (
          ' · no limit'
        ) : null}
      </p>
      <label className="check-label">
        <input type="checkbox" checked={own !== undefined} onChange={(e) => write('rateLimit', e.currentTarget.checked ? { requests: 10, per: 'second' } : undefined)} />
        <span>Set this trigger's own limit</span>
      </label>
      {own ? (
        <div className="rate-row" style={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1fr', gap: 8 }}>
          <label className="field">
            <span className="field-label">Requests</span>
            <input
              className="input"
              inputMode="numeric"
              aria-label="Requests allowed per period"
              defaultValue={own.requests}
              key={`r${own.requests}`}
              onBlur={(e) => {
                const n = whole(e.currentTarget.value);
                if (n) setLimit({ requests: n });
              }}
            />
          </label>
          <label className="field">
            <span className="field-label">Per</span>
            <select aria-label="Rate limit period" value={own.per} onChange={(e) => setLimit({ per: e.currentTarget.value as OwnLimit['per'] })}>
              <option value="second">second</option>
              <option value="minute">minute</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">Burst</span>
            <input
              className="input"
              inputMode="numeric"
              aria-label="Burst size"
              placeholder={String(own.requests)}
              defaultValue={own.burst ?? ''}
              key={`b${own.burst ?? ''}`}
              onBlur={(e) => setLimit({ burst: e.currentTarget.value.trim() === '' ? undefined : (whole(e.currentTarget.value) ?? own.burst) })}
            />
          </label>
        </div>
      ) : null}
      <p className="muted small">Over the limit, senders get 429 with Retry-After and nothing is stored. Save the workflow to apply changes.</p>

      <h3>IP allow-list</h3>
      <label className="field">
        <span className="field-label">Addresses and CIDR ranges, one per line (empty: anyone may call)</span>
        <textarea
          className="input mono"
          rows={3}
          aria-label="IP allow-list"
          aria-invalid={bad.length > 0}
          placeholder={'203.0.113.0/24\n2001:db8::/32'}
          value={ips}
          onChange={(e) => setIps(e.currentTarget.value)}
          onBlur={() => {
            if (bad.length === 0) write('allowedIps', lines.length ? lines : undefined);
          }}
        />
      </label>
      {bad.length ? (
        <p className="field-error small" role="alert">
          Not an address or CIDR range: {bad.slice(0, 3).join(', ')}
        </p>
      ) : null}
      <p className="muted small">Others get 403. Behind a proxy, set TRUST_PROXY so the real client address counts.</p>
    </section>
  );
}
