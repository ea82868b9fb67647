import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';
import { describeRoles, parseRoles, refusalOnSqlite } from '../../../server/scale/roles.js';

const KEY = 'a'.repeat(64);

describe('roles', () => {
  it('parses comma-separated roles in any order and case; nothing means all three', () => {
    expect(describeRoles(parseRoles(undefined))).toBe('web,worker,scheduler');
    expect(describeRoles(parseRoles(''))).toBe('web,worker,scheduler');
    expect(describeRoles(parseRoles(' Worker , web,worker'))).toBe('web,worker');
    expect(describeRoles(parseRoles('scheduler'))).toBe('scheduler');
  });

  it('names an unknown role and lists the real ones', () => {
    expect(() => parseRoles('web,cron')).toThrow('Unknown role "cron": the roles are web, worker, scheduler');
  });

  it('refuses a partial set of roles on SQLite only', () => {
    expect(refusalOnSqlite(parseRoles('web,worker,scheduler'))).toBeUndefined();
    expect(refusalOnSqlite(parseRoles('worker'))).toMatch(/needs PostgreSQL \(set DATABASE_URL=postgres:\/\/\.\.\.\)/);
  });
});

describe('DATABASE_URL and SWITCHYARD_ROLE in the configuration', () => {
  it('without DATABASE_URL: SQLite, every role, and a role subset is a clear startup error', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(describeRoles(c.roles)).toBe('web,worker,scheduler');
    expect(() => loadConfig({ SWITCHYARD_ROLE: 'worker' })).toThrow(/SWITCHYARD_ROLE: --role worker needs PostgreSQL/);
  });

  it('postgres:// and postgresql:// select PostgreSQL, which takes any roles and needs the shared secret key', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/db', SWITCHYARD_SECRET_KEY: KEY, SWITCHYARD_ROLE: 'worker' }).databaseUrl).toBe('postgres://u@127.0.0.1:5432/db');
    expect(describeRoles(loadConfig({ DATABASE_URL: 'postgresql://u@127.0.0.1/db', SWITCHYARD_SECRET_KEY: KEY, SWITCHYARD_ROLE: 'web,scheduler' }).roles)).toBe('web,scheduler');
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db' })).toThrow(/SWITCHYARD_SECRET_KEY: required with DATABASE_URL/);
  });

  it('refuses other databases by name, and treats an empty DATABASE_URL as unset', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u@127.0.0.1/db' })).toThrow(/DATABASE_URL: only PostgreSQL is supported/);
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined();
  });
});
