import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lazy from '../../../server/lib/mime-types-lazy.js';

const require = createRequire(import.meta.url);

describe('mime-types-lazy (what the server bundle hands packages for mime-types)', () => {
  it('answers contentType() of a full type and charset() without loading mime-types, and loads it on the first lookup', () => {
    // In a process of its own: this test process may have loaded mime-types for something else.
    const script = `
      import { createRequire } from 'node:module';
      const lazy = await import(${JSON.stringify(join(process.cwd(), 'dist/server/lib/mime-types-lazy.js'))});
      const require = createRequire(${JSON.stringify(join(process.cwd(), 'package.json'))});
      const loaded = () => require.cache[require.resolve('mime-types')] !== undefined;
      const answers = [lazy.contentType('application/json'), lazy.contentType('text/html; charset=latin1'), lazy.charset('text/x-never-registered'), lazy.charsets.lookup('application/octet-stream'), loaded()];
      answers.push(lazy.contentType('json'), loaded(), lazy.lookup('bundle.js'), lazy.extension('text/html'));
      console.log(JSON.stringify(answers));`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['application/json; charset=utf-8', 'text/html; charset=latin1', 'UTF-8', false, false, 'application/json; charset=utf-8', true, 'text/javascript', 'html']);
  });

  it('gives the answers of mime-types itself for every type mime-db knows, and for careless input', () => {
    const real = require('mime-types') as typeof lazy;
    const db = require('mime-db') as Record<string, unknown>;
    const inputs: unknown[] = [
      ...Object.keys(db).flatMap((t) => [t, t.toUpperCase(), ` ${t} ; q=1`, `${t};charset=ISO-8859-1`]),
      ...['json', 'html', 'css', '.js', 'file.txt', 'x.unknownext', 'text/x-unknown', 'TEXT/Plain', 'application/unknown', ' ', '/', ';', 'a/b c'],
      ...['', undefined, null, 0, 42, {}, [], true],
    ];
    for (const input of inputs) {
      expect([input, lazy.contentType(input as string)]).toEqual([input, real.contentType(input as string)]);
      expect([input, lazy.charset(input as string)]).toEqual([input, real.charset(input as string)]);
      if (typeof input === 'string') {
        expect([input, lazy.lookup(input)]).toEqual([input, real.lookup(input)]);
        expect([input, lazy.extension(input)]).toEqual([input, real.extension(input)]);
      }
    }
  });

  it('is what the built server bundle holds in place of mime-types', () => {
    const dir = join(process.cwd(), 'dist', 'server');
    const chunks = readdirSync(dir).filter((f) => f === 'switchyard.cjs' || (f.startsWith('sy-chunk-') && f.endsWith('.cjs')));
    const code = chunks.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    expect(code).toContain('// dist/server/lib/mime-types-lazy.js');
    // mime-types' own module (which builds its maps when it loads) is not bundled.
    expect(code).not.toContain('// node_modules/mime-types/');
    expect(code).not.toContain('populateMaps');
  });
});
