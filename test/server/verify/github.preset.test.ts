import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { verifyGithub } from '../../../server/verify/github.preset.js';
import { codeOf, presetRequest, tamper } from './support.js';

const secret = "It's a Secret to Everybody";
const body = JSON.stringify({ action: 'opened', number: 42, pull_request: { title: 'Add signatures', user: { login: 'octocat' } } });
const delivery = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
const verify = (payload: string, signature: string, secrets = [secret], extra: Record<string, string> = {}) =>
  verifyGithub(presetRequest(payload, { 'X-Hub-Signature-256': signature, 'X-GitHub-Delivery': delivery, 'X-GitHub-Event': 'pull_request', ...extra }), secrets);

describe('github preset (signed with @octokit/webhooks-methods)', () => {
  it('accepts what @octokit/webhooks-methods signs and dedupes on X-GitHub-Delivery', async () => {
    expect(verify(body, await sign(secret, body))).toEqual({ ok: true, dedupeKey: delivery });
  });

  it("matches GitHub's documented test vector", () => {
    // From GitHub's "Validating webhook deliveries" page.
    const doc = verifyGithub(presetRequest('Hello, World!', { 'x-hub-signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' }), [secret]);
    expect(doc.ok).toBe(true);
  });

  it('refuses tampered bodies, wrong secrets, and missing or malformed signatures', async () => {
    expect(codeOf(verify(tamper(body), await sign(secret, body)))).toBe('signature_mismatch');
    expect(codeOf(verify(body, await sign('another secret', body)))).toBe('signature_mismatch');
    expect(codeOf(verifyGithub(presetRequest(body, {}), [secret]))).toBe('signature_missing');
    expect(codeOf(verify(body, 'sha1=abcdef'))).toBe('signature_malformed');
    expect(codeOf(verify(body, (await sign(secret, body)).slice(0, -2)))).toBe('signature_mismatch');
  });

  it('accepts the old and the new secret while the secret is being changed', async () => {
    expect(codeOf(verify(body, await sign('old secret', body), [secret, 'old secret']))).toBe('ok');
    expect(codeOf(verify(body, await sign(secret, body), [secret, 'old secret']))).toBe('ok');
  });
});
