import { describe, expect, it } from 'vitest';
import { childMessageSchema, parseChildMessage } from '../../../server/sandbox/child-protocol.js';

// Replies a child could send, valid and not: the hand-checked path must agree with the schema on each.
const samples: unknown[] = [
  { t: 'done', id: 1, result: '{"ok":true,"value":1}', failure: null, logs: [] },
  { t: 'done', id: 2, result: null, failure: null, logs: ['a', 'b'] },
  { t: 'done', id: 3, result: null, failure: { code: 'timeout', message: 'stopped' }, logs: [] },
  { t: 'done', id: 4, result: '1', failure: null, logs: [], extra: 'dropped' },
  { t: 'done', id: 1.5, result: '1', failure: null, logs: [] },
  { t: 'done', id: '5', result: '1', failure: null, logs: [] },
  { t: 'done', id: 6, result: 1, failure: null, logs: [] },
  { t: 'done', id: 7, failure: null, logs: [] },
  { t: 'done', id: 8, result: '1', failure: null, logs: [1] },
  { t: 'done', id: 9, result: '1', failure: null, logs: 'x' },
  { t: 'done', id: 10, result: '1', logs: [] },
  { t: 'done', id: 11, result: '1', failure: { code: 'not_a_code', message: 'x' }, logs: [] },
  { t: 'ready' },
  { t: 'store', id: 1, seq: 1, op: 'get', args: '[]' },
  { t: 'other' },
  null,
  'done',
  [],
];

describe('parseChildMessage', () => {
  it('accepts and rejects exactly what the message schema does, and returns the same message', () => {
    for (const raw of samples) {
      const schema = childMessageSchema.safeParse(raw);
      expect(parseChildMessage(raw), JSON.stringify(raw)).toEqual(schema.success ? schema.data : undefined);
    }
  });
});
