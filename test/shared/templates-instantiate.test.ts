import { describe, expect, it } from 'vitest';
import { defineTemplate } from '../../shared/templates/define-template.js';
import { instantiateTemplate } from '../../shared/templates/instantiate-template.js';
import { escapeXml, fillPlaceholders, findPlaceholders } from '../../shared/templates/placeholders.js';
import { checkTemplateInput } from '../../shared/templates/template-inputs.js';

/** A small template with one input of each kind, built only from core node types. */
const demo = defineTemplate({
  id: 'demo',
  name: 'Demo',
  description: 'A template for tests: a signed trigger, a threshold filter, a wait and a call.',
  category: 'dev tools',
  tags: [],
  trigger: { provider: 'Demo', events: ['thing.happened'], auth: 'github', setup: 'Nothing to set up.' },
  credentials: [{ key: 'secret', type: 'webhook-secret', label: 'Demo secret', help: 'Wherever demos keep their secrets.' }],
  inputs: [
    { key: 'url', kind: 'url', label: 'Target URL', help: 'Where to send it.' },
    { key: 'threshold', kind: 'number', label: 'Threshold', help: 'A limit.', default: 5, min: 0, max: 100, integer: true },
    { key: 'wait', kind: 'duration', label: 'Wait', help: 'How long.', default: '1h' },
    { key: 'level', kind: 'select', label: 'Level', help: 'How loud.', options: ['low', 'high'], default: 'low' },
    { key: 'note', kind: 'text', label: 'Note', help: 'Free text.', required: false },
    { key: 'to', kind: 'phone', label: 'Phone', help: 'E.164.', required: false },
    { key: 'mail', kind: 'email', label: 'Email', help: 'An address.', required: false },
  ],
  workflow: {
    nodes: [
      { id: 'hook', type: 'webhook', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'github', credentialId: '[[credentials.secret]]' } } },
      { id: 'over', type: 'filter', position: { x: 250, y: 0 }, config: { rules: [{ field: 'trigger.body.n', operator: 'greater_than', value: '[[inputs.threshold]]' }] } },
      { id: 'wait', type: 'delay', position: { x: 500, y: 0 }, config: { duration: '[[inputs.wait]]' } },
      {
        id: 'call',
        type: 'http',
        position: { x: 750, y: 0 },
        config: { url: '[[inputs.url]]', body: { level: '[[inputs.level]]', note: 'Note: [[inputs.note]] ({{ trigger.body.n }})', xml: '<n>[[inputs.note|xml]]</n>' } },
      },
    ],
    edges: [
      { id: 'e1', source: 'hook', target: 'over' },
      { id: 'e2', source: 'over', target: 'wait' },
      { id: 'e3', source: 'wait', target: 'call' },
    ],
  },
  samples: [],
});

const issuesOf = (r: ReturnType<typeof instantiateTemplate>) => (r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`));

describe('instantiateTemplate', () => {
  it('fills credentials and inputs, keeping numbers as numbers and {{ }} for the run', () => {
    const r = instantiateTemplate(demo, { credentials: { secret: 'cred_1' }, inputs: { url: 'https://example.com/in', threshold: '7', note: 'A & B <ok>' }, name: '  My demo ' });
    expect(issuesOf(r)).toEqual([]);
    if (!r.ok) return;
    expect(r.workflow.name).toBe('My demo');
    expect(r.workflow.description).toBe(demo.description);
    const config = (id: string) => r.workflow.nodes.find((n) => n.id === id)?.config as Record<string, unknown>;
    expect(config('hook').auth).toEqual({ kind: 'signature', preset: 'github', credentialId: 'cred_1' });
    expect(config('over').rules).toEqual([{ field: 'trigger.body.n', operator: 'greater_than', value: 7 }]);
    expect(config('wait')).toEqual({ duration: '1h' });
    expect(config('call').url).toBe('https://example.com/in');
    expect(config('call').body).toEqual({ level: 'low', note: 'Note: A & B <ok> ({{ trigger.body.n }})', xml: '<n>A &amp; B &lt;ok&gt;</n>' });
  });

  it('names each missing credential and required input', () => {
    expect(issuesOf(instantiateTemplate(demo, {}))).toEqual(['credentials.secret: Pick or create the Demo secret credential.', 'inputs.url: Target URL is required.']);
  });

  it('refuses wrong types and forms with a message per field', () => {
    const r = instantiateTemplate(demo, {
      credentials: { secret: 42 },
      inputs: { url: 'ftp://example.com', threshold: 'lots', wait: 'soon', level: 'max', note: ['a'], to: '555-0100', mail: 'nobody' },
    });
    expect(issuesOf(r)).toEqual([
      'credentials.secret: Demo secret must be a credential id (text).',
      'inputs.url: Target URL must start with https:// (or http://).',
      'inputs.threshold: Threshold must be a number.',
      'inputs.wait: Wait must be a duration such as "30m", "1h" or "1d" (at most 365 days).',
      'inputs.level: Level must be one of "low", "high".',
      'inputs.note: Note must be text, not a list.',
      'inputs.to: Phone must be a phone number in E.164 form, such as +14155550100.',
      'inputs.mail: Email must be an email address such as ops@example.com.',
    ]);
  });

  it('refuses unknown keys, which are usually typos', () => {
    const r = instantiateTemplate(demo, { credentials: { secret: 'c', secrte: 'c' }, inputs: { url: 'https://e.com', treshold: 3 } });
    expect(issuesOf(r)).toEqual([
      'credentials.secrte: "secrte" is not a credential of this template; it needs "secret".',
      'inputs.treshold: "treshold" is not an input of this template; it takes "url", "threshold", "wait", "level", "note", "to", "mail".',
    ]);
  });

  it('refuses credentials and inputs that are not objects', () => {
    expect(issuesOf(instantiateTemplate(demo, { credentials: ['c'] as unknown as Record<string, unknown>, inputs: 'x' as unknown as Record<string, unknown> }))).toEqual([
      'credentials: credentials must be an object of credential key -> credential id.',
      'inputs: inputs must be an object of input key -> value.',
    ]);
  });

  it('keeps inputs plain: no expressions smuggled in', () => {
    expect(issuesOf(instantiateTemplate(demo, { credentials: { secret: 'c' }, inputs: { url: 'https://e.com', note: 'hi {{ process }}' } }))).toEqual([
      'inputs.note: Note is a plain value: remove "{{" and "}}" (add expressions in the editor afterwards).',
    ]);
  });

  it('reports what validation of the result finds, e.g. a number out of range', () => {
    expect(issuesOf(instantiateTemplate(demo, { credentials: { secret: 'c' }, inputs: { url: 'https://e.com', threshold: 101 } }))).toEqual(['inputs.threshold: Threshold must be at most 100.']);
    expect(issuesOf(instantiateTemplate(demo, { credentials: { secret: 'c' }, inputs: { url: 'https://e.com', threshold: 1.5 } }))).toEqual(['inputs.threshold: Threshold must be a whole number.']);
    const long = instantiateTemplate(demo, { credentials: { secret: 'c' }, inputs: { url: 'https://e.com' }, name: 'x'.repeat(201) });
    expect(issuesOf(long)).toEqual(['name: The name is longer than 200 characters.']);
  });
});

describe('placeholders', () => {
  it('finds them with their scope and filter, in nested values', () => {
    expect(findPlaceholders({ a: ['x [[inputs.a]] y', { b: '[[credentials.c|xml]]' }], n: 3 })).toEqual([
      { scope: 'inputs', key: 'a' },
      { scope: 'credentials', key: 'c', filter: 'xml' },
    ]);
    expect(findPlaceholders('[[secrets.a]] [[inputs.]] {{ inputs.a }}')).toEqual([]);
  });

  it('fills a whole-string placeholder with its typed value and interpolates the rest as text', () => {
    const values = { credentials: {}, inputs: { n: 5, s: 'a"b' } };
    expect(fillPlaceholders({ x: '[[inputs.n]]', y: 'n=[[inputs.n]]', z: '[[inputs.s|xml]]', w: '[[inputs.missing]]' }, values)).toEqual({ x: 5, y: 'n=5', z: 'a&quot;b', w: '' });
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;');
  });
});

describe('checkTemplateInput', () => {
  it('applies defaults, trims text and lets optional inputs be empty', () => {
    expect(checkTemplateInput({ key: 'a', kind: 'text', label: 'A', help: '', default: 'x' }, '  ')).toEqual({ ok: true, value: 'x' });
    expect(checkTemplateInput({ key: 'a', kind: 'text', label: 'A', help: '', required: false }, undefined)).toEqual({ ok: true, value: '' });
    expect(checkTemplateInput({ key: 'a', kind: 'text', label: 'A', help: '' }, '  #sales ')).toEqual({ ok: true, value: '#sales' });
  });

  it('checks a text pattern against the whole value', () => {
    const channel = { key: 'c', kind: 'text' as const, label: 'Channel', help: '', pattern: '#[a-z]+', patternMessage: 'Use #name.' };
    expect(checkTemplateInput(channel, '#ops')).toEqual({ ok: true, value: '#ops' });
    expect(checkTemplateInput(channel, 'x#ops')).toEqual({ ok: false, message: 'Use #name.' });
    expect(checkTemplateInput({ ...channel, maxLength: 3 }, '#opsx')).toEqual({ ok: false, message: 'Channel is longer than 3 characters.' });
  });
});
