// vitest.postgres.config.ts's setup file: the second pass drops its test databases in the
// background (dropped-after-file.ts); a file ends only once they are gone.
import { afterAll } from 'vitest';
import { settleDrops } from './dropped-after-file.js';

afterAll(settleDrops);
