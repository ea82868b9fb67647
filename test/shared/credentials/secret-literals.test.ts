import { describe, expect, it } from 'vitest';
import { findSecretLiterals, looksLikeKey, moveSecretLiteral, withoutQueryParam } from '../../../shared/credentials/secret-literals.js';

const KEY = 'sk_live_51HxQ2eLkZ8yV3nR7tW9pA4bC';

describe('secret literals in an HTTP step', () => {
  it('turns an Authorization header into the fitting credential type', () => {
    expect(findSecretLiterals({ headers: { Authorization: `Bearer ${KEY}` } })).toEqual([
      { place: { kind: 'header', name: 'Authorization' }, reason: 'an Authorization header with a bearer token', credential: { type: 'http-bearer', data: { token: KEY } } },
    ]);
    const basic = `Basic ${btoa('ada:s3cret pass')}`;
    expect(findSecretLiterals({ headers: { authorization: basic } })[0]?.credential).toEqual({ type: 'http-basic', data: { username: 'ada', password: 's3cret pass' } });
    expect(findSecretLiterals({ headers: { Authorization: 'Token abc' } })[0]?.credential).toEqual({ type: 'http-header', data: { name: 'Authorization', value: 'Token abc' } });
    expect(findSecretLiterals({ headers: { Authorization: 'Basic not-base64!' } })[0]?.credential.type).toBe('http-header');
  });

  it('flags key-named headers, bearer values and high-entropy values, and leaves plain ones alone', () => {
    const types = (headers: Record<string, string>) => findSecretLiterals({ headers }).map((f) => [f.place.name, f.credential.type]);
    expect(types({ 'x-api-key': 'abc123', 'api-key': 'k', 'X-Auth-Token': 't' })).toEqual([
      ['x-api-key', 'http-header'],
      ['api-key', 'http-header'],
      ['X-Auth-Token', 'http-header'],
    ]);
    expect(types({ 'x-forward': `Bearer ${KEY}` })).toEqual([['x-forward', 'http-header']]);
    expect(types({ 'x-custom': 'Q2VjaWxpYTpzZWNyZXQ9OTg3NjU0MzIx' })).toEqual([['x-custom', 'http-header']]);
    expect(types({ 'content-type': 'application/json', accept: 'text/html', 'x-request-id': 'order-2024-12-04', 'x-trace': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1' })).toEqual([]);
    // A template is not a literal: the value comes from a variable or an earlier step.
    expect(types({ Authorization: 'Bearer {{ vars.STRIPE_KEY }}', 'x-api-key': '{{ vars.KEY }}' })).toEqual([]);
    expect(types({ Authorization: '   ' })).toEqual([]);
  });

  it('finds token= and apikey= and key-shaped values in the URL query', () => {
    const found = findSecretLiterals({ url: `https://api.example.test/v1/items?limit=10&token=abc&apikey=${KEY}&q=shoes#top` });
    expect(found.map((f) => f.credential)).toEqual([
      { type: 'http-query', data: { name: 'token', value: 'abc' } },
      { type: 'http-query', data: { name: 'apikey', value: KEY } },
    ]);
    expect(findSecretLiterals({ url: 'https://x.test/a?api_key=a%2Fb' })[0]?.credential).toEqual({ type: 'http-query', data: { name: 'api_key', value: 'a/b' } });
    expect(findSecretLiterals({ url: `https://x.test/?k=${KEY}` })[0]?.reason).toBe('a URL parameter that looks like a key');
    expect(findSecretLiterals({ url: 'https://x.test/?token={{ vars.T }}&page=2' })).toEqual([]);
    expect(findSecretLiterals({ url: 'https://x.test/no-query' })).toEqual([]);
  });

  it('tells keys from words and ids', () => {
    expect(looksLikeKey(KEY)).toBe(true);
    expect(looksLikeKey('ghp_abc')).toBe(true);
    expect(looksLikeKey('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBe(true);
    expect(looksLikeKey('application-json-content')).toBe(false);
    expect(looksLikeKey('12345678901234567890123456')).toBe(false);
    expect(looksLikeKey('short1A')).toBe(false);
  });

  it('moves a literal out: the header or the parameter goes, auth names the credential', () => {
    const config = { method: 'GET', url: 'https://x.test/a?token=abc&page=2#f', headers: { Authorization: `Bearer ${KEY}`, accept: 'application/json' } };
    const [header, query] = findSecretLiterals(config);
    if (!header || !query) throw new Error('both found');
    expect(moveSecretLiteral(config, header, 'cred_1')).toEqual({ ...config, headers: { accept: 'application/json' }, auth: { credentialId: 'cred_1' } });
    expect(moveSecretLiteral(config, query, 'cred_2')).toEqual({ ...config, url: 'https://x.test/a?page=2#f', auth: { credentialId: 'cred_2' } });
    expect(JSON.stringify(moveSecretLiteral(config, header, 'c'))).not.toContain(KEY);
    expect(withoutQueryParam('https://x.test/a?token=1', 'token')).toBe('https://x.test/a');
    expect(withoutQueryParam('https://x.test/a?token=1&token=2&b', 'token')).toBe('https://x.test/a?b');
  });
});
