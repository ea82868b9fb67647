import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runMigrations } from '../../../server/store/sqlite/database.js';
import { migrations } from '../../../server/store/sqlite/migrations/index.js';
import { createSessionRepo } from '../../../server/store/sqlite/session-repo.js';
import { createUserRepo } from '../../../server/store/sqlite/user-repo.js';

describe('migration 005 (accounts)', () => {
  it('keeps signed-in sessions and existing keys of a database made before it', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    runMigrations(
      db,
      migrations.filter((m) => m.version < 5),
    );
    db.prepare("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES ('usr_1', 'a@example.test', 'A', 'x', 'owner', 1)").run();
    db.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ('h1', 'usr_1', 10, 9999999999999)").run();
    db.prepare("INSERT INTO api_keys (id, name, key_hash, prefix, user_id, created_at) VALUES ('key_1', 'old', 'kh', 'sy_live_ab', NULL, 5)").run();
    runMigrations(db);
    const session = createSessionRepo(db).live('h1', 20, 0);
    expect(session).toMatchObject({ id: 'usr_1', sessionId: expect.stringMatching(/^ses_[0-9a-f]{24}$/), lastSeenAt: 10 });
    expect(createUserRepo(db).keyByHash('kh')).toMatchObject({ id: 'key_1', scope: 'full', expiresAt: null, userId: null });
    db.close();
  });
});
