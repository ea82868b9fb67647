import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresPool } from '../../../../server/store/postgres/pool.js';
import { runPostgresMigrations } from '../../../../server/store/postgres/migrate.js';
import { createPostgresEgressSettingsStore } from '../../../../server/store/postgres/egress-settings-store.js';
import { createManualClock } from '../../../../server/lib/clock.js';
import { cliActor } from '../../../../server/services/audit-service.js';
import { freshPostgresDatabase } from '../../../support/postgres.js';

const database = freshPostgresDatabase();
afterAll(async () => (await database).drop());

describe('egress settings on PostgreSQL', () => {
  it('stores the list, records each change in the audit log with it, and orders concurrent saves', async () => {
    const { url } = await database;
    const pools = [createPostgresPool({ url, max: 2 }), createPostgresPool({ url, max: 2 })] as const;
    try {
      await runPostgresMigrations(pools[0]);
      const clock = createManualClock(1_000);
      const [one, two] = pools.map((pool) => createPostgresEgressSettingsStore({ pool, clock }));
      if (!one || !two) throw new Error('no stores');
      expect(await one.getEgressAllow()).toEqual([]);
      expect(await one.setEgressAllow(['10.0.0.0/8', 'api.example.test'], cliActor)).toEqual({ before: [], after: ['10.0.0.0/8', 'api.example.test'] });
      expect(await two.getEgressAllow()).toEqual(['10.0.0.0/8', 'api.example.test']);

      // Two owners save at once from two processes: the second change's "before" is the first's "after".
      const changes = await Promise.all([one.setEgressAllow(['x.example.test'], cliActor), two.setEgressAllow(['y.example.test'], cliActor)]);
      const afters = changes.map((c) => c.after[0]);
      const befores = changes.map((c) => c.before[0]);
      expect(befores.filter((b) => b === '10.0.0.0/8')).toHaveLength(1);
      expect(befores.filter((b) => afters.includes(b))).toHaveLength(1);

      // Audit ids order entries within one process only (two processes at one millisecond interleave): find by content.
      const audit = (await pools[0].query<{ action: string; before: string; after: string }>('SELECT action, before, after FROM audit_log')).rows;
      expect(audit).toHaveLength(3);
      expect(audit).toContainEqual({ action: 'settings.egress_update', before: '{"entries":[]}', after: '{"entries":["10.0.0.0/8","api.example.test"]}' });
      for (const c of changes) expect(audit).toContainEqual({ action: 'settings.egress_update', before: JSON.stringify({ entries: c.before }), after: JSON.stringify({ entries: c.after }) });
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
