import { describe, expect, it } from 'vitest';
import { verifyBasic } from '../../../server/verify/basic-auth.preset.js';
import { verifyHeader } from '../../../server/verify/header-auth.preset.js';
import { codeOf, presetRequest } from './support.js';

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('basic and header presets', () => {
  it('basic: accepts the right user and password, refuses anything else', () => {
    const creds = { username: 'shop', password: 'p:ss w0rd' };
    expect(verifyBasic(presetRequest('', { authorization: basic('shop', 'p:ss w0rd') }), creds)).toEqual({ ok: true, redactHeaders: ['authorization'] });
    expect(codeOf(verifyBasic(presetRequest('', { authorization: basic('shop', 'p:ss w0rd') }), creds))).toBe('ok');
    expect(codeOf(verifyBasic(presetRequest('', { authorization: basic('shop', 'wrong') }), creds))).toBe('auth_mismatch');
    expect(codeOf(verifyBasic(presetRequest('', { authorization: basic('other', 'p:ss w0rd') }), creds))).toBe('auth_mismatch');
    expect(codeOf(verifyBasic(presetRequest('', { authorization: 'Bearer abc' }), creds))).toBe('auth_missing');
    expect(codeOf(verifyBasic(presetRequest('', {}), creds))).toBe('auth_missing');
    expect(codeOf(verifyBasic(presetRequest('', { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` }), creds))).toBe('auth_mismatch');
  });

  it('header: compares the whole value of the named header, and asks for it to be kept out of the record', () => {
    expect(verifyHeader(presetRequest('', { 'x-api-key': 'k-123456' }), 'X-Api-Key', 'k-123456')).toEqual({ ok: true, redactHeaders: ['x-api-key'] });
    expect(codeOf(verifyHeader(presetRequest('', { 'x-api-key': 'k-123456' }), 'X-Api-Key', 'k-123456'))).toBe('ok');
    expect(codeOf(verifyHeader(presetRequest('', { 'x-api-key': 'k-1234567' }), 'X-Api-Key', 'k-123456'))).toBe('auth_mismatch');
    expect(codeOf(verifyHeader(presetRequest('', { authorization: 'Bearer t0k3n' }), 'authorization', 'Bearer t0k3n'))).toBe('ok');
    expect(codeOf(verifyHeader(presetRequest('', {}), 'X-Api-Key', 'k-123456'))).toBe('auth_missing');
  });
});
