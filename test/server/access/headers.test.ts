import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { startAccessApp, type AccessApp } from './access-app.js';

let t: AccessApp;
let withCors: AccessApp;
beforeAll(async () => {
  t = await startAccessApp();
  withCors = await startAccessApp({ CORS_ORIGINS: 'https://dash.example.com' });
});
afterAll(async () => {
  await t?.stop();
  await withCors?.stop();
});

describe('secure headers', () => {
  it('sends a content security policy and the usual hardening headers on pages and the API', async () => {
    for (const path of ['/', '/api/workflows', '/healthz']) {
      const res = await t.http().get(path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('adds HSTS and upgrade-insecure-requests when served over https', async () => {
    const https = await startAccessApp({ PUBLIC_URL: 'https://switchyard.example.com' });
    try {
      const res = await https.http().get('/healthz');
      expect(res.headers['strict-transport-security']).toContain('max-age=');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
      const login = await https.http().post('/api/auth/setup').send({ email: 'o@example.test', name: 'O', password: 'a long password' });
      const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
      expect(cookies.every((c) => c.includes('Secure'))).toBe(true);
    } finally {
      await https.stop();
    }
  });
});

describe('CORS', () => {
  it('is closed by default: no Access-Control-Allow-Origin, and a preflight is not approved', async () => {
    const res = await t
      .http()
      .get('/api/workflows')
      .set({ ...t.owner, origin: 'https://dash.example.com' });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const pre = await t.http().options('/api/workflows').set({ origin: 'https://dash.example.com', 'access-control-request-method': 'GET' });
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('opens to the origins in CORS_ORIGINS only, for keys and never with credentials', async () => {
    const pre = await withCors.http().options('/api/workflows').set({ origin: 'https://dash.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('https://dash.example.com');
    expect(pre.headers['access-control-allow-headers']).toContain('Authorization');
    expect(pre.headers['access-control-allow-credentials']).toBeUndefined();
    const get = await withCors
      .http()
      .get('/api/workflows')
      .set({ ...withCors.owner, origin: 'https://dash.example.com' });
    expect(get.headers['access-control-allow-origin']).toBe('https://dash.example.com');
    const other = await withCors
      .http()
      .get('/api/workflows')
      .set({ ...withCors.owner, origin: 'https://evil.example' });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses a CORS_ORIGINS entry that is not an origin at startup', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://dash.example.com/path' })).toThrow(/CORS_ORIGINS/);
  });
});
