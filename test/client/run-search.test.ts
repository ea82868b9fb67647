import { describe, expect, it } from 'vitest';
import { isSearch, isoFromLocal, runSearchFromQuery, runSearchPath } from '../../client/runs/run-search.js';
import { parseRoute } from '../../client/router/router.js';

describe('the runs search in the URL', () => {
  it('writes and reads back every filter, leaving empty ones out', () => {
    const search = { status: 'failed', dedupeKey: 'evt_1', errorCode: 'http_5xx', from: '2026-12-01T00:00:00.000Z', where: 'trigger.body.data.object.id = pi_123', workflowId: '' };
    const path = runSearchPath(search);
    expect(path).toBe('/runs?status=failed&dedupeKey=evt_1&errorCode=http_5xx&from=2026-12-01T00%3A00%3A00.000Z&where=trigger.body.data.object.id+%3D+pi_123');
    const [pathname, query] = path.split('?');
    expect(parseRoute(pathname ?? '', `?${query}`)).toEqual({
      page: 'runs',
      status: 'failed',
      dedupeKey: 'evt_1',
      errorCode: 'http_5xx',
      from: '2026-12-01T00:00:00.000Z',
      where: 'trigger.body.data.object.id = pi_123',
    });
    expect(runSearchPath({})).toBe('/runs');
    expect(runSearchFromQuery(new URLSearchParams('where=%20%20&status=queued'))).toEqual({ status: 'queued' });
  });

  it('tells a search from a plain listing, and reads local times', () => {
    expect(isSearch({ status: 'failed', workflowId: 'wf' })).toBe(false);
    expect(isSearch({ where: 'trigger.query.a=1' })).toBe(true);
    expect(isoFromLocal('')).toBeUndefined();
    expect(isoFromLocal('not a time')).toBeUndefined();
    expect(isoFromLocal('2026-12-04T10:30')).toBe(new Date(2026, 11, 4, 10, 30).toISOString());
  });
});
