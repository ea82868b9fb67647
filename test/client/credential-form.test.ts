import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  chooseCredentialText,
  credentialData,
  credentialFields,
  credentialNamePlaceholder,
  emptyValues,
  fittingCredentialTypes,
  localDateTimeToMs,
  serverProblems,
} from '../../client/credentials/credential-form.js';
import { fieldsOf, type JsonSchema } from '../../client/editor/inspector/form-schema.js';
import { credentialTypes } from '../../shared/credentials/credential-types.js';
import { info } from './support.js';

/** A type as `GET /api/credentials/types` describes it, from the same shared descriptor and the same conversion. */
const described = (type: keyof typeof credentialTypes) => {
  const d = credentialTypes[type];
  return { secretFields: [...d.secretFields], schema: z.toJSONSchema(d.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown> };
};

describe('credential forms from type schemas', () => {
  it('makes secret fields password inputs and keeps the rest as text, numbers and checkboxes', () => {
    expect(credentialFields(described('header')).map((f) => [f.key, f.kind, f.required, f.label])).toEqual([
      ['name', 'text', false, 'Header name'],
      ['value', 'secret', true, 'Value'],
    ]);
    const smtp = Object.fromEntries(credentialFields(described('smtp')).map((f) => [f.key, f.kind]));
    expect(smtp).toEqual({ host: 'text', port: 'number', secure: 'boolean', username: 'text', password: 'secret', from: 'text' });
    expect(credentialFields(described('webhook-url'))[0]?.kind).toBe('secret');
  });

  it('asks for the previous secret’s expiry as a date and time, and sends epoch milliseconds', () => {
    const fields = credentialFields(described('webhook-secret'));
    const expiry = fields.find((f) => f.key === 'previousSecretExpiresAt');
    expect(expiry?.kind).toBe('datetime');
    expect(expiry?.help).not.toMatch(/milliseconds/i);
    const built = credentialData(fields, { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretExpiresAt: '2026-03-01T14:30' }, 'create');
    expect(built).toEqual({ data: { secret: 'whsec_new', previousSecret: 'whsec_old', previousSecretExpiresAt: new Date(2026, 2, 1, 14, 30).getTime() }, problems: {} });
    expect(credentialData(fields, { secret: 'x', previousSecretExpiresAt: '1772375400000' }, 'create').problems.previousSecretExpiresAt).toMatch(/date and time/);
    expect(localDateTimeToMs('2026-02-31T10:00')).toBeUndefined();
    expect(localDateTimeToMs('2026-12-31T23:59:30')).toBe(new Date(2026, 11, 31, 23, 59, 30).getTime());
  });

  it('names the fitting credential types in pickers and uses the app’s own name in examples', () => {
    expect(chooseCredentialText(['Incoming webhook URL'])).toBe('Choose an Incoming webhook URL credential…');
    expect(chooseCredentialText(['Slack'])).toBe('Choose a Slack credential…');
    expect(chooseCredentialText(undefined)).toBe('Choose a credential…');
    expect(credentialNamePlaceholder('Slack')).toBe('e.g. Slack (production)');
    expect(credentialNamePlaceholder('Slack')).not.toMatch(/Stripe/);
  });

  it('builds create data: required fields checked, secrets exactly as typed, numbers as numbers', () => {
    const fields = credentialFields(described('header'));
    expect(credentialData(fields, emptyValues(fields), 'create').problems).toEqual({ value: 'Value is required.' });
    expect(credentialData(fields, { name: ' X-Api-Key ', value: ' Bearer s3cret ' }, 'create')).toEqual({ data: { name: 'X-Api-Key', value: ' Bearer s3cret ' }, problems: {} });
    expect(credentialData(fields, { name: 'bad header', value: 'x' }, 'create').problems.name).toMatch(/expected form/);
    const smtp = credentialFields(described('smtp'));
    expect(credentialData(smtp, { ...emptyValues(smtp), host: 'mail.test', from: 'a@b.test', port: '465', secure: true }, 'create').data).toEqual({
      host: 'mail.test',
      from: 'a@b.test',
      port: 465,
      secure: true,
    });
    expect(credentialData(smtp, { ...emptyValues(smtp), host: 'h', from: 'f', port: 'abc' }, 'create').problems.port).toMatch(/number/);
  });

  it('sends only what was typed in an update, so empty inputs keep the stored values', () => {
    const fields = credentialFields(described('basic'));
    expect(credentialData(fields, emptyValues(fields), 'update')).toEqual({ data: {}, problems: {} });
    expect(credentialData(fields, { username: '', password: 'new-pass' }, 'update').data).toEqual({ password: 'new-pass' });
    const smtp = credentialFields(described('smtp'));
    expect(credentialData(smtp, emptyValues(smtp), 'update').data).toEqual({});
  });

  it('maps the server’s field issues back onto the form', () => {
    expect(
      serverProblems([
        { path: 'data.secret', message: 'Secret is required.' },
        { path: '', message: 'The request body is not valid.' },
      ]),
    ).toEqual({
      secret: 'Secret is required.',
      '': 'The request body is not valid.',
    });
  });
});

describe('credential pickers in the inspector', () => {
  it('turns credentialId settings into pickers that know where they sit', () => {
    const auth = fieldsOf('webhook', info('webhook').configSchema as JsonSchema).find((f) => f.key === 'auth');
    const header = auth?.variants?.find((v) => v.value === 'header')?.fields.find((f) => f.key === 'credentialId');
    expect(header).toMatchObject({ kind: 'credential', scope: 'webhook.auth', label: 'Credential' });
    const signing = fieldsOf('http', info('http').configSchema as JsonSchema).find((f) => f.key === 'signing');
    expect(signing?.fields?.find((f) => f.key === 'credentialId')).toMatchObject({ kind: 'credential', scope: 'http.signing' });
  });

  it('offers the credential types each setting accepts', () => {
    expect(fittingCredentialTypes('webhook.auth', { kind: 'header' })).toEqual(['header']);
    expect(fittingCredentialTypes('webhook.auth', { kind: 'basic' })).toEqual(['basic']);
    expect(fittingCredentialTypes('webhook.auth', { kind: 'signature', preset: 'stripe' })).toEqual(['webhook-secret']);
    expect(fittingCredentialTypes('webhook.auth', { kind: 'signature', preset: 'slack' })).toEqual(['webhook-secret', 'slack']);
    expect(fittingCredentialTypes('webhook.auth', { kind: 'signature', preset: 'twilio' })).toEqual(['webhook-secret', 'twilio']);
    expect(fittingCredentialTypes('http.signing', {})).toEqual(['webhook-secret']);
    expect(fittingCredentialTypes('someapp', {})).toBeUndefined();
  });
});
