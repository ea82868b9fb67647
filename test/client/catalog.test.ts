import { describe, expect, it } from 'vitest';
import { groupByCategory, initialConfig, summarizeNode } from '../../client/store/catalog.js';
import { catalog, info } from './support.js';

describe('catalog helpers', () => {
  it('summarizes a node from its descriptor, or says it needs setup', () => {
    expect(summarizeNode('http', { method: 'GET', url: 'https://a.test' })).toBe('GET https://a.test');
    expect(summarizeNode('webhook', {})).toBe('POST · answers 202');
    expect(summarizeNode('http', { url: '' })).toBe('Needs setup');
    // Filled in wrong is not "Needs setup": the canvas says what is wrong.
    expect(summarizeNode('http', { url: 'https://' })).toMatch(/^Enter a complete URL/);
    expect(summarizeNode('code', { code: 'return {' })).toMatch(/^Syntax error\./);
    expect(summarizeNode('nope', {})).toMatch(/Unknown type/);
  });

  it('groups the palette by category in the shared order and filters by search', () => {
    expect(groupByCategory(catalog).map((g) => g.category)).toEqual(['triggers', 'logic', 'code', 'actions', 'apps']);
    const found = groupByCategory(catalog, 'sandbox');
    expect(found.flatMap((g) => g.types.map((t) => t.type))).toEqual(['code']);
    expect(groupByCategory(catalog, 'zzz')).toEqual([]);
  });

  it('copies defaults so two nodes never share a config object', () => {
    const a = initialConfig(info('http'));
    const b = initialConfig(info('http'));
    expect(a).toEqual(b);
    expect(a.headers).not.toBe(b.headers);
  });
});
