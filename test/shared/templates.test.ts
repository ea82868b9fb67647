import { describe, expect, it } from 'vitest';
import { collectTemplateFields, lookupPath, parseTemplate, pathSegments, singleExpression } from '../../shared/graph/templates.js';

describe('templates', () => {
  it('splits text and expressions', () => {
    expect(parseTemplate('Order {{ trigger.body.id }} paid')).toEqual([{ text: 'Order ' }, { expr: 'trigger.body.id' }, { text: ' paid' }]);
    expect(parseTemplate('plain')).toEqual([{ text: 'plain' }]);
  });

  it('recognises a field that is exactly one expression', () => {
    expect(singleExpression('  {{ steps.a.items }} ')).toBe('steps.a.items');
    expect(singleExpression('{{ a }}{{ b }}')).toBeUndefined();
    expect(singleExpression('x {{ a }}')).toBeUndefined();
  });

  it('finds templated strings deep inside a config with their paths', () => {
    expect(collectTemplateFields({ url: 'https://x/{{ a }}', body: { list: ['{{ b }}', 'c'] }, n: 1 })).toEqual([
      { path: 'url', source: 'https://x/{{ a }}' },
      { path: 'body.list[0]', source: '{{ b }}' },
    ]);
  });

  it('parses plain data paths and nothing more', () => {
    expect(pathSegments('steps.lookup.items[0]["e-mail"]')).toEqual(['steps', 'lookup', 'items', '0', 'e-mail']);
    expect(pathSegments("trigger.body['x y']")).toEqual(['trigger', 'body', 'x y']);
    expect(pathSegments('a.b()')).toBeUndefined();
    expect(pathSegments('a + 1')).toBeUndefined();
  });

  it("looks up own properties only, so prototype keys find nothing (an array's length is its own)", () => {
    const data = { a: { b: [10, 20] } };
    expect(lookupPath(data, ['a', 'b', '1'])).toBe(20);
    expect(lookupPath(data, ['a', 'constructor'])).toBeUndefined();
    expect(lookupPath(data, ['__proto__'])).toBeUndefined();
    expect(lookupPath(data, ['a', 'b', 'length'])).toBe(2);
    expect(lookupPath(data, ['a', 'b', 'map'])).toBeUndefined();
  });
});
