import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TypedCredential } from '../../../shared/credentials/credential-types.js';
import { activeSecrets } from '../../../server/verify/credential-secrets.js';
import { verifyRequest } from '../../../server/verify/verify-request.js';
import { codeOf, NOW, presetRequest } from './support.js';

const body = '{"zen":"Keep it logically awesome."}';
const gh = (secret: string) => ({ 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` });
const github = { kind: 'signature', preset: 'github', credentialId: 'cred_1' } as const;
const webhookSecret = (data: Extract<TypedCredential, { type: 'webhook-secret' }>['data']): TypedCredential => ({ type: 'webhook-secret', data });

describe('verifyRequest: auth settings + credential -> verdict', () => {
  it('lets everything through for kind none, and fails closed when the credential is gone', () => {
    expect(verifyRequest({ kind: 'none' }, null, presetRequest(body, {}))).toEqual({ ok: true });
    expect(codeOf(verifyRequest(github, null, presetRequest(body, gh('s'))))).toBe('credential_missing');
  });

  it('refuses a credential of the wrong type, naming what is needed', () => {
    const v = verifyRequest(github, { type: 'basic', data: { username: 'a', password: 'b' } }, presetRequest(body, gh('s')));
    expect(v).toMatchObject({ ok: false, code: 'credential_wrong_type', message: expect.stringContaining('webhook-secret') });
    expect(codeOf(verifyRequest({ kind: 'basic', credentialId: 'c' }, webhookSecret({ secret: 's' }), presetRequest(body, {})))).toBe('credential_wrong_type');
  });

  it('accepts Slack and Twilio app credentials for their presets', () => {
    const slack: TypedCredential = { type: 'slack', data: { signingSecret: 'sss' } };
    const ts = String(NOW / 1000);
    const sig = `v0=${createHmac('sha256', 'sss').update(`v0:${ts}:${body}`).digest('hex')}`;
    expect(codeOf(verifyRequest({ ...github, preset: 'slack' }, slack, presetRequest(body, { 'x-slack-signature': sig, 'x-slack-request-timestamp': ts })))).toBe('ok');
    expect(codeOf(verifyRequest({ ...github, preset: 'slack' }, { type: 'slack', data: { botToken: 'xoxb-1' } }, presetRequest(body, {})))).toBe('credential_wrong_type');
  });

  it('uses previousSecret during a rotation, and stops once it expires', () => {
    const cred = (expires?: number) => webhookSecret({ secret: 'new', previousSecret: 'old', previousSecretExpiresAt: expires });
    expect(codeOf(verifyRequest(github, cred(), presetRequest(body, gh('old'))))).toBe('ok');
    expect(codeOf(verifyRequest(github, cred(NOW + 1), presetRequest(body, gh('old'))))).toBe('ok');
    expect(codeOf(verifyRequest(github, cred(NOW), presetRequest(body, gh('old'))))).toBe('signature_mismatch');
    expect(codeOf(verifyRequest(github, cred(NOW), presetRequest(body, gh('new'))))).toBe('ok');
    expect(activeSecrets({ secret: 'a' }, NOW)).toEqual(['a']);
  });

  it("checks header auth against the trigger's header, else the credential's, else Authorization", () => {
    const cred: TypedCredential = { type: 'header', data: { name: 'X-Token', value: 'tok-123' } };
    expect(codeOf(verifyRequest({ kind: 'header', credentialId: 'c' }, cred, presetRequest('', { 'x-token': 'tok-123' })))).toBe('ok');
    expect(codeOf(verifyRequest({ kind: 'header', credentialId: 'c', header: 'X-Other' }, cred, presetRequest('', { 'x-other': 'tok-123' })))).toBe('ok');
    expect(codeOf(verifyRequest({ kind: 'header', credentialId: 'c' }, { type: 'header', data: { value: 'Bearer z' } }, presetRequest('', { authorization: 'Bearer z' })))).toBe('ok');
  });

  it('refuses invalid hmac options stored before validation existed', () => {
    const auth = { kind: 'signature', preset: 'hmac', credentialId: 'c', hmac: { signedContent: 'template', template: 'x' } } as never;
    expect(codeOf(verifyRequest(auth, webhookSecret({ secret: 's' }), presetRequest(body, {})))).toBe('auth_config_invalid');
  });
});
