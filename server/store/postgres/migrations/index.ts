import { initial } from './001-initial.js';
import { drafts } from './002-drafts.js';
import { oauth } from './003-oauth.js';

/**
 * A numbered schema change for PostgreSQL. The numbers are this dialect's own (its 001 is
 * SQLite's 001-011 at once); never edit a shipped one: add the next number, and the same
 * change to SQLite's list when both stores gain it.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. */
export const postgresMigrations: readonly PostgresMigration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'drafts', sql: drafts },
  { version: 3, name: 'oauth', sql: oauth },
];
