import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startAccessApp, type AccessApp } from './access-app.js';

let t: AccessApp;
beforeAll(async () => {
  t = await startAccessApp();
});
afterAll(async () => {
  await t?.stop();
});

const login = (email: string, password: string) => t.http().post('/api/auth/login').send({ email, password });

describe('sign-in is rate limited per address and account', () => {
  it('answers 429 with Retry-After after 5 wrong passwords, even for the right one, until the window passes', async () => {
    const user = await t.addUser('editor');
    for (let i = 0; i < 5; i++) expect((await login(user.email, 'wrong password')).status).toBe(401);
    const limited = await login(user.email, 'wrong password');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(limited.body.error.message).toContain(`${retryAfter} seconds`);
    expect((await login(user.email.toUpperCase(), PASSWORD)).status).toBe(429);

    // Another account from the same address is not locked by this one's failures.
    const other = await t.addUser('viewer');
    expect((await login(other.email, PASSWORD)).status).toBe(200);

    t.advance(retryAfter * 1000 + 1);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
    // A success clears the count: five more tries are allowed before the next lock.
    for (let i = 0; i < 5; i++) expect((await login(user.email, 'wrong again')).status).toBe(401);
    expect((await login(user.email, 'wrong again')).status).toBe(429);
  });

  it('limits one address spraying many accounts', async () => {
    t.advance(16 * 60_000);
    let status = 0;
    let tries = 0;
    while (tries < 40) {
      status = (await login(`nobody-${tries}@example.test`, 'guess')).status;
      tries++;
      if (status !== 401) break;
    }
    expect(status).toBe(429);
    expect(tries).toBe(31);
  });

  it('throttles wrong current passwords on password change the same way', async () => {
    t.advance(16 * 60_000);
    const s = await t.signIn(await t.addUser('viewer'));
    for (let i = 0; i < 5; i++) {
      expect((await t.http().put('/api/auth/password').set(s.headers).send({ currentPassword: 'nope', newPassword: 'a new password' })).status).toBe(400);
    }
    const limited = await t.http().put('/api/auth/password').set(s.headers).send({ currentPassword: PASSWORD, newPassword: 'a new password' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
