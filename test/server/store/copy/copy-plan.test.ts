import { describe, expect, it } from 'vitest';
import { columnsToCopy, convertValue, dependencyOrder, insertStatement, rowFilter, rowsPerInsert } from '../../../../server/store/copy/copy-plan.js';

describe('the copy plan of migrate-to-postgres', () => {
  it('orders referenced tables first, and refuses a cycle', () => {
    const order = dependencyOrder(
      ['steps', 'runs', 'events', 'workflows', 'triggers'],
      [
        { table: 'steps', references: 'runs' },
        { table: 'runs', references: 'events' },
        { table: 'triggers', references: 'workflows' },
      ],
    );
    expect(order.indexOf('events')).toBeLessThan(order.indexOf('runs'));
    expect(order.indexOf('runs')).toBeLessThan(order.indexOf('steps'));
    expect(order.indexOf('workflows')).toBeLessThan(order.indexOf('triggers'));
    expect(() =>
      dependencyOrder(
        ['a', 'b'],
        [
          { table: 'a', references: 'b' },
          { table: 'b', references: 'a' },
        ],
      ),
    ).toThrow(/cycle/);
  });

  it('refuses a source column the target has no place for', () => {
    const target = [{ name: 'id', type: 'text', identityAlways: false }];
    expect(() => columnsToCopy('t', ['id', 'extra'], target)).toThrow(/extra have no place/);
    expect(columnsToCopy('t', ['id'], target)).toEqual(target);
  });

  it('converts booleans and text in byte columns, keeps the rest', () => {
    expect(convertValue(1, { name: 'active', type: 'boolean', identityAlways: false })).toBe(true);
    expect(convertValue(0, { name: 'active', type: 'boolean', identityAlways: false })).toBe(false);
    expect(convertValue('{}', { name: 'body', type: 'bytea', identityAlways: false })).toEqual(Buffer.from('{}'));
    expect(convertValue(null, { name: 'x', type: 'bigint', identityAlways: false })).toBeNull();
    expect(convertValue(5, { name: 'x', type: 'bigint', identityAlways: false })).toBe(5);
  });

  it('filters only the history tables, and only without history', () => {
    expect(rowFilter('runs', true)).toBeUndefined();
    expect(rowFilter('runs', false)).toContain("NOT IN ('succeeded', 'failed', 'cancelled')");
    expect(rowFilter('events', false)).toContain('held_events');
    expect(rowFilter('workflows', false)).toBeUndefined();
  });

  it('writes batched inserts within the parameter limit, overriding identity columns', () => {
    expect(rowsPerInsert(10) * 10).toBeLessThanOrEqual(65_535);
    const sql = insertStatement(
      'r',
      [
        { name: 'id', type: 'bigint', identityAlways: true },
        { name: 'at', type: 'bigint', identityAlways: false },
      ],
      2,
    );
    expect(sql).toBe('INSERT INTO "r" ("id", "at") OVERRIDING SYSTEM VALUE VALUES ($1, $2), ($3, $4)');
  });
});
