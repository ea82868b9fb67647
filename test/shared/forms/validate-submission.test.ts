import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../../../shared/forms/validate-submission.js';
import { formConfigSchema, type FormField } from '../../../shared/nodes/form.node.js';

const f = (over: Partial<FormField> & Pick<FormField, 'name' | 'type'>): FormField => ({ label: over.name, required: false, ...over });

describe('validateSubmission', () => {
  it('types values: numbers, booleans, trimmed text, null for empty optional fields; drops unknown keys', () => {
    const fields = [f({ name: 'n', type: 'number' }), f({ name: 'c', type: 'checkbox' }), f({ name: 't', type: 'text' }), f({ name: 'o', type: 'textarea' }), f({ name: 'd', type: 'date' })];
    expect(validateSubmission(fields, { n: '4.5', c: 'on', t: '  hi ', o: '', d: '2024-02-29', extra: 'x' })).toEqual({ ok: true, values: { n: 4.5, c: true, t: 'hi', o: null, d: '2024-02-29' } });
    expect(validateSubmission(fields, { n: 7, c: false })).toEqual({ ok: true, values: { n: 7, c: false, t: null, o: null, d: null } });
  });

  it('reports one message per wrong field', () => {
    const fields = [
      f({ name: 'a', type: 'text', required: true }),
      f({ name: 'b', type: 'text', pattern: '[a-z]+', patternHint: 'lower-case letters' }),
      f({ name: 'd', type: 'date' }),
      f({ name: 'n', type: 'number', max: 3 }),
      f({ name: 'x', type: 'text' }),
      f({ name: 'y', type: 'text' }),
    ];
    expect(validateSubmission(fields, { a: '  ', b: 'ABC', d: '2023-02-29', n: 'four', x: ['1', '2'], y: { o: 1 } })).toEqual({
      ok: false,
      errors: { a: 'This field is required.', b: 'Expected lower-case letters.', d: 'Enter a date as YYYY-MM-DD.', n: 'Enter a number.', x: 'Send one value.', y: 'Send text, not an object.' },
    });
    // A pattern matches the whole value, as the browser's does.
    expect(validateSubmission([f({ name: 'b', type: 'text', pattern: '[a-z]+' })], { b: 'abc1' }).ok).toBe(false);
    expect(validateSubmission(fields.slice(3, 4), { n: '3' })).toEqual({ ok: true, values: { n: 3 } });
    expect(validateSubmission([f({ name: 'a', type: 'text', required: true })], null)).toEqual({ ok: false, errors: { a: 'This field is required.' } });
  });

  it('refuses a form config with duplicate names, a select without options or a broken pattern', () => {
    const r = formConfigSchema.safeParse({ fields: [f({ name: 'a', type: 'select' }), f({ name: 'a', type: 'text', pattern: '(' })] });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining(['fields.1.pattern: a regular expression that compiles', 'fields.1.name: Two fields are named "a".', 'fields.0.options: A select needs at least one option.']),
    );
  });
});
