import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../client/api/client.js';
import { ApiError } from '../../client/api/http.js';
import { createAppStore, type AppStore } from '../../client/store/app-store.js';
import { startTestApp } from '../support/test-app.js';

// The credentials slice against a real Switchyard on loopback: what the store keeps is what the API answers.
let t: Awaited<ReturnType<typeof startTestApp>>;
let server: Server;
let store: AppStore;

beforeAll(async () => {
  t = await startTestApp();
  server = createServer(t.app.handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const api = createApi((input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...t.auth } }), base);
  store = createAppStore({ api, now: () => 1_700_000_000_000 });
});

afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
  await t?.stop();
});

describe('credentials slice', () => {
  it('loads the types with their forms and an empty list', async () => {
    await store.getState().loadCredentials();
    const s = store.getState().credentials;
    expect(s.status).toBe('ready');
    expect(s.items).toEqual([]);
    expect(store.getState().credentialType('header')?.schema).toMatchObject({ properties: { value: { writeOnly: true } } });
  });

  it('creates, renames and deletes, keeping the list sorted and free of data', async () => {
    const s = () => store.getState();
    const b = await s().createCredential({ name: 'b-token', type: 'header', data: { value: 'Bearer slice-secret-1' } });
    const a = await s().createCredential({ name: 'a-secret', type: 'webhook-secret', data: { secret: 'whsec_slice_secret_2' } });
    expect(s().credentials.items.map((c) => c.name)).toEqual(['a-secret', 'b-token']);
    expect(JSON.stringify(s().credentials)).not.toMatch(/slice-secret-1|whsec_slice_secret_2/);

    await s().updateCredential(a.id, { data: { secret: 'whsec_slice_secret_3' }, rotate: true, name: 'z-secret' });
    expect(s().credentials.items.map((c) => c.name)).toEqual(['b-token', 'z-secret']);

    await s().deleteCredential(b.id);
    expect(s().credentials.items.map((c) => c.id)).toEqual([a.id]);
    await s().loadCredentials(true);
    expect(s().credentials.items.map((c) => c.id)).toEqual([a.id]);
  });

  it('passes the server’s field issues through on bad data and leaves the list alone', async () => {
    const before = store.getState().credentials.items;
    const err = await store
      .getState()
      .createCredential({ name: 'bad', type: 'header', data: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).issues.map((i) => i.path)).toContain('data.value');
    expect(store.getState().credentials.items).toBe(before);
  });
});
