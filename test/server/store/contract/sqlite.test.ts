import { openSqliteFileStore } from '../../../support/sqlite-file-store.js';
import { describeStoreContract } from './store-contract.js';

// A real file with WAL and the off-loop fsync, as the server opens it.
describeStoreContract('SQLite', async () => openSqliteFileStore('contract.db'));
