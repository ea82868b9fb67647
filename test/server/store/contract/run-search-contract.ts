// The storage contract's part on run search by a trigger value over a bounded window
// (RunPort.search, see store-contract.ts): both stores answer the same matches, newest first;
// a store may stop at its window (`examinedTo`) or find older runs through an index, and
// following `examinedTo` always ends with every match, never a wrong one.
import { describe, expect, it } from 'vitest';
import type { TriggerValueMatch } from '../../../../server/engine/records.js';
import type { StartRun } from '../../../../server/store/ports/runs.js';
import type { Store } from '../../../../server/store/ports/store.js';
import { event } from './contract-fixtures.js';

export interface RunSearchContext {
  store: () => Store;
  started: (over?: Partial<StartRun>) => Promise<{ runId: string; eventId: string }>;
}

const body = (json: string) => Buffer.from(json);

export function describeRunSearchContract({ store: get, started }: RunSearchContext): void {
  describe('run search by a trigger value', () => {
    /** Ten runs a second apart, newest last; run i's body holds `pi_i`, customer `cus_{i % 3}`, amount i. */
    const seed = async () => {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const json = i === 4 ? 'not json pi_4' : JSON.stringify({ data: { object: { id: `pi_${i}`, customer: `cus_${i % 3}`, amount: i, tags: [`t${i}`], live: i % 2 === 0 } } });
        const r = await started({
          now: 1_000 * (i + 1),
          event: { kind: 'new', event: event(i % 2 ? 'wf2' : 'wf', { body: body(json), receivedAt: 1_000 * (i + 1), query: { n: String(i) } }) },
          workflowId: i % 2 ? 'wf2' : 'wf',
        });
        ids.push(r.runId);
      }
      return ids;
    };
    /** Every match, by following `examinedTo` with windows of `window` runs, and how many calls it took. */
    const all = async (where: TriggerValueMatch, window: number, extra: { workflowId?: string } = {}) => {
      const found: string[] = [];
      let before: { createdAt: number; id: string } | undefined;
      for (let calls = 1; calls <= 20; calls++) {
        const page = await get().runs.search({ where, limit: 50, before, ...extra }, window);
        found.push(...page.rows.map((r) => r.id));
        if (!page.examinedTo) return { found, calls };
        before = page.examinedTo;
      }
      throw new Error('the search never ended');
    };

    it('finds a value inside the window, newest first, and says where the window ended', async () => {
      const ids = await seed();
      const page = await get().runs.search({ where: { part: 'body', path: ['data', 'object', 'customer'], value: 'cus_0' }, limit: 50 }, 4);
      // cus_0: runs 0, 3, 6, 9; the window is runs 9..6.
      expect(page.rows.map((r) => r.id).slice(0, 2)).toEqual([ids[9], ids[6]]);
      if (page.examinedTo) expect(page.examinedTo).toEqual({ createdAt: 7_000, id: ids[6] });
      // A full page needs no window edge: there may be more, found by the usual cursor.
      const full = await get().runs.search({ where: { part: 'body', path: ['data', 'object', 'customer'], value: 'cus_0' }, limit: 1 }, 4);
      expect(full).toEqual({ rows: [expect.objectContaining({ id: ids[9] })], examinedTo: null });
    });

    it('ends with every match and no other, whatever the window, for body, query and typed values', async () => {
      const ids = await seed();
      const cases: Array<[TriggerValueMatch, number[]]> = [
        [{ part: 'body', path: ['data', 'object', 'id'], value: 'pi_1' }, [1]],
        [{ part: 'body', path: ['data', 'object', 'id'], value: 'pi_4' }, []],
        [{ part: 'body', path: ['data', 'object', 'customer'], value: 'cus_1' }, [7, 4, 1].filter((i) => i !== 4)],
        [{ part: 'body', path: ['data', 'object', 'amount'], value: '8' }, [8]],
        [{ part: 'body', path: ['data', 'object', 'live'], value: 'true' }, [8, 6, 2, 0]],
        [{ part: 'body', path: ['data', 'object', 'tags', 0], value: 't3' }, [3]],
        [{ part: 'body', path: ['data', 'object', 'tags', 1], value: 't3' }, []],
        [{ part: 'query', path: ['n'], value: '2' }, [2]],
      ];
      for (const [where, expected] of cases) {
        for (const window of [1, 3, 100]) {
          const { found } = await all(where, window);
          expect({ where, window, found }).toEqual({ where, window, found: expected.map((i) => ids[i]) });
        }
      }
    });

    it('applies the other filters before the window and never answers past the last run', async () => {
      const ids = await seed();
      const { found } = await all({ part: 'body', path: ['data', 'object', 'customer'], value: 'cus_0' }, 2, { workflowId: 'wf' });
      expect(found).toEqual([ids[6], ids[0]]);
      const last = await get().runs.search({ where: { part: 'query', path: ['n'], value: 'none' }, limit: 50 }, 100);
      expect(last).toEqual({ rows: [], examinedTo: null });
    });

    it("finds a declared path's oldest match past the window in one call, and still after the declaration changes", async () => {
      const ids = await seed();
      const id = ['data', 'object', 'id'];
      await get().runs.declareSearchPaths('wf', [id, ['data', 'object', 'tags', 0]]);
      // wf holds runs 0, 2, 6, 8 (4 is not JSON): pi_0 is its oldest, far past a window of one run.
      const page = await get().runs.search({ where: { part: 'body', path: id, value: 'pi_0' }, workflowId: 'wf', limit: 50 }, 1);
      expect(page).toEqual({ rows: [expect.objectContaining({ id: ids[0] })], examinedTo: null });
      const typed = await get().runs.search({ where: { part: 'body', path: ['data', 'object', 'tags', 0], value: 't2' }, workflowId: 'wf', limit: 50 }, 1);
      expect(typed).toEqual({ rows: [expect.objectContaining({ id: ids[2] })], examinedTo: null });
      // The other filters and the cursor apply as in every search; another workflow's runs never answer.
      const older = await get().runs.search({ where: { part: 'body', path: id, value: 'pi_6' }, workflowId: 'wf', limit: 50, before: { createdAt: 7_000, id: ids[6] ?? '' } }, 1);
      expect(older).toEqual({ rows: [], examinedTo: null });
      const elsewhere = await get().runs.search({ where: { part: 'body', path: id, value: 'pi_1' }, workflowId: 'wf', limit: 50 }, 1);
      expect(elsewhere).toEqual({ rows: [], examinedTo: null });
      // Redeclared and then dropped: the search stays right (every match, following examinedTo).
      await get().runs.declareSearchPaths('wf', [['data', 'object', 'customer']]);
      await get().runs.declareSearchPaths('wf', []);
      expect((await all({ part: 'body', path: id, value: 'pi_0' }, 1, { workflowId: 'wf' })).found).toEqual([ids[0]]);
    });
  });
}
