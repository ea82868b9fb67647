// A run that stored more steps than a claim carries (CLAIMED_STATE_LIMITS) is read by the
// worker after its claim, and carries on from every step it stored.
import { describe, expect, it } from 'vitest';
import { CLAIMED_STATE_LIMITS } from '../../../server/store/claimed-state-limits.js';
import { useAppAndReceiver } from '../../support/app-and-receiver.js';
import { runOnce } from '../../support/run-once.js';
import { edge, node } from '../../support/workflows.js';

const env = useAppAndReceiver();

describe('a run longer than a claim carries', () => {
  it('resumes after a delay with the results of every loop item it ran before', async () => {
    const items = Array.from({ length: CLAIMED_STATE_LIMITS.steps + 6 }, (_, i) => i);
    const run = await runOnce(
      env.t,
      {
        name: 'long loop, then a delay',
        nodes: [
          node('hook', 'webhook'),
          node('each', 'loop', { items: '{{ trigger.body.items }}', concurrency: 8 }),
          node('square', 'code', { code: 'return input * input' }),
          node('pause', 'delay', { duration: '50ms' }),
          node('report', 'http', { method: 'POST', url: `${env.rcv.url}/report`, body: { results: '{{ input }}' } }),
        ],
        edges: [edge('hook', 'each'), edge('each', 'square', 'item'), edge('each', 'pause', 'done'), edge('pause', 'report')],
      },
      { items },
    );
    expect(run.status, JSON.stringify(run.error)).toBe('succeeded');
    const reports = env.rcv.got.filter((g) => g.url === '/report').map((g) => JSON.parse(g.body) as { results: number[] });
    expect(reports.map((r) => r.results)).toEqual([items.map((i) => i * i)]);
  });
});
