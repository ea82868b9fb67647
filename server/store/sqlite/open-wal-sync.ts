import type { Logger } from 'pino';
import type { Db } from './database.js';
import { createWalSync, type WalSync } from './wal-sync.js';

/**
 * The server's WAL sync, or undefined where there is no WAL file to sync (an in-memory or
 * read-only database): the connection then keeps synchronous=FULL and commits sync themselves.
 */
export function openWalSync(db: Db, logger: Logger): WalSync | undefined {
  if (db.memory || db.readonly || db.pragma('journal_mode', { simple: true }) !== 'wal') return undefined;
  try {
    return createWalSync(db, db.name);
  } catch (err) {
    db.pragma('synchronous = FULL');
    logger.warn({ err }, 'cannot sync the WAL off the event loop; commits sync inline (slower, equally durable)');
    return undefined;
  }
}
