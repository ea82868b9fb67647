import { describe, expect, it } from 'vitest';
import { fieldsOf, humanize, type JsonSchema } from '../../client/editor/inspector/form-schema.js';
import { insertAt, pathExpression, pickerData, templateFor } from '../../client/editor/inspector/data-paths.js';
import { info } from './support.js';

const form = (type: string) => fieldsOf(type, info(type).configSchema as JsonSchema);
const kinds = (type: string) => Object.fromEntries(form(type).map((f) => [f.key, f.kind]));

describe('forms generated from config schemas', () => {
  it('draws the http step with a select, templated text, key-value headers and a JSON body', () => {
    const k = kinds('http');
    expect(k).toMatchObject({ method: 'select', url: 'text', headers: 'key-value', body: 'json', timeoutMs: 'number' });
    const url = form('http').find((f) => f.key === 'url');
    expect(url).toMatchObject({ required: true, templated: true, advanced: false, label: 'URL' });
    expect(form('http').find((f) => f.key === 'timeoutMs')?.advanced).toBe(true);
  });

  it('draws nested settings objects and lists of durations', () => {
    const retry = form('http').find((f) => f.key === 'retry');
    expect(retry?.kind).toBe('object');
    expect(retry?.fields?.map((f) => [f.key, f.kind])).toEqual([
      ['attempts', 'number'],
      ['schedule', 'list'],
    ]);
    expect(retry?.fields?.[1]?.numeric).toBe(true);
  });

  it('uses the code editor for the code step and one rule builder for filter and branch', () => {
    expect(kinds('code').code).toBe('code');
    expect(form('filter')).toHaveLength(1);
    expect(form('filter')[0]).toMatchObject({ kind: 'rules' });
    expect(form('branch')[0]?.options).toContain('greater_than');
  });

  it('draws the webhook trigger with method checkboxes and an auth union told apart by kind', () => {
    const k = kinds('webhook');
    expect(k.methods).toBe('multi-select');
    expect(k.auth).toBe('union');
    const auth = form('webhook').find((f) => f.key === 'auth');
    expect(auth?.variants?.map((v) => v.value)).toEqual(['none', 'signature', 'basic', 'header']);
    expect(auth?.variants?.find((v) => v.value === 'basic')?.fields.map((f) => f.key)).toEqual(['credentialId']);
  });

  it('labels keys a person can read', () => {
    expect(humanize('maxBodyBytes')).toBe('Largest body (bytes)');
    expect(humanize('someNewField')).toBe('Some new field');
  });
});

describe('data picker paths', () => {
  it('writes expression paths with dots, indexes and quoted keys', () => {
    expect(pathExpression(['trigger', 'body', 'items', 0, 'e-mail'])).toBe('trigger.body.items[0]["e-mail"]');
    expect(templateFor(['steps', 'http', 'status'])).toBe('{{ steps.http.status }}');
  });

  it('inserts at the caret, replacing a selection', () => {
    expect(insertAt('https://x/', 10, 10, '{{ a }}')).toEqual({ value: 'https://x/{{ a }}', caret: 17 });
    expect(insertAt('hello world', 6, 11, 'there')).toEqual({ value: 'hello there', caret: 11 });
  });

  it('offers the sample event and only upstream outputs', () => {
    const data = pickerData(
      { method: 'POST', headers: { a: '1' }, query: {}, body: { id: 7 } },
      { up: { nodeId: 'up', status: 'succeeded', attempt: 1, attempts: [], output: { ok: true } }, down: { nodeId: 'down', status: 'succeeded', attempt: 1, attempts: [], output: 1 } },
      ['up'],
    );
    expect(data).toEqual({ trigger: { body: { id: 7 }, headers: { a: '1' }, query: {}, method: 'POST' }, steps: { up: { ok: true } } });
  });
});
