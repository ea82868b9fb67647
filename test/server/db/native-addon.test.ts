import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('opening the SQLite database', () => {
  it('loads the addon npm built by its path, without searching for it through `bindings`', () => {
    // In a process of its own: another test in this process may have loaded `bindings` already.
    const script = `
      import { createRequire } from 'node:module';
      const { openDatabase } = await import(${JSON.stringify(join(process.cwd(), 'dist/server/store/sqlite/database.js'))});
      const db = openDatabase(':memory:');
      const answer = db.prepare('SELECT 41 + 1 AS n').get().n;
      const require = createRequire(${JSON.stringify(join(process.cwd(), 'package.json'))});
      const searched = Object.keys(require.cache).some((f) => /[\\\\/]node_modules[\\\\/]bindings[\\\\/]/.test(f));
      console.log(JSON.stringify({ answer, searched }));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ answer: 42, searched: false });
  });
});
