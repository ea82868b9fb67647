import type { Store, StoreTx } from '../store/ports/store.js';

/** The ports the account services use: people, sessions, API keys, one-time links and the audit log, and units of work over them. */
export type AccountStore = Pick<Store, 'users' | 'sessions' | 'apiKeys' | 'accountLinks' | 'audit' | 'write'>;
/** The same ports inside one unit of work. */
export type AccountTx = Pick<StoreTx, 'users' | 'sessions' | 'apiKeys' | 'accountLinks' | 'audit'>;
