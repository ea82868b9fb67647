import { afterAll, describe, expect, it } from 'vitest';
import express from 'express';
import request from 'supertest';
import pino from 'pino';
import { openPostgresStore } from '../../../../server/store/postgres/open-postgres-store.js';
import { errorHandler } from '../../../../server/http/errors.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

// Two processes each check that an email is free and then create the account (invites-service's
// accept): both checks pass, one insert loses on the unique index. The loser must answer a 409,
// never a 500.
describe('an account made for one email by two processes at once', () => {
  it('creates one account; the other request gets a 409 in the error shape', async () => {
    const { url } = await database;
    const [one, two] = [await openPostgresStore(url, { max: 2 }), await openPostgresStore(url, { max: 2 })];
    try {
      // A barrier makes the race certain: neither unit inserts before both have checked. (It breaks
      // the unit-of-work rule on purpose; PostgreSQL holds each unit's connection meanwhile.)
      let checked = 0;
      let release = () => {};
      const bothChecked = new Promise<void>((resolve) => (release = resolve));
      const appOver = (store: typeof one.store) => {
        const app = express();
        app.post('/accept/:id', (req, res, next) => {
          store
            .write(async (tx) => {
              if (await tx.users.byEmail('ann@example.test')) throw new Error('the check found the account: no race happened');
              if (++checked === 2) release();
              await bothChecked;
              await tx.users.insert({ id: req.params.id, email: req.params.id === 'usr_1' ? 'ann@example.test' : 'ANN@example.test', name: 'Ann', role: 'viewer', passwordHash: 'h', createdAt: 1 });
            })
            .then(() => res.status(201).json({ ok: true }), next);
        });
        app.use(errorHandler(pino({ level: 'silent' })));
        return app;
      };
      const answers = await Promise.all([request(appOver(one.store)).post('/accept/usr_1'), request(appOver(two.store)).post('/accept/usr_2')]);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([201, 409]);
      expect(answers.find((a) => a.status === 409)?.body).toMatchObject({ error: { code: 'CONFLICT' } });
      expect(await one.store.users.count()).toBe(1);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
