import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAst } from 'rolldown/parseAst';
import { describe, expect, it } from 'vitest';
import { beginsWithSpread, nullBeforeLeadingSpreads } from '../../../server/leading-spread.mjs';

const transform = (code: string) => nullBeforeLeadingSpreads(code, (source: string) => parseAst(source));

/** Evaluates an expression the way the bundle would run it. */
const evaluate = (expression: string): unknown => new Function(`return (${expression});`)();

describe('leading-spread (the server bundle build step)', () => {
  it('puts a spread of null first in every object literal that begins with a spread, and nowhere else', () => {
    const { code, changed } = transform('const a = { ...b, c: 1 }; f({ ...d }); const e = { k: 1, ...g }; const h = [...i]; const s = "{ ...x }"; const t = `{...${`y`}}`;');
    expect(changed).toBe(2);
    expect(code).toBe('const a = {...null,  ...b, c: 1 }; f({...null,  ...d }); const e = { k: 1, ...g }; const h = [...i]; const s = "{ ...x }"; const t = `{...${`y`}}`;');
  });

  it('reaches nested literals, literals in arrow bodies and literals inside spreads', () => {
    const { code, changed } = transform('const f = (a) => ({ ...a, inner: { ...a.b, z: 1 }, list: [{ ...a.c }] }); const g = { ...{ ...h, i: 1 }, j: 2 };');
    expect(changed).toBe(5);
    expect(code).toBe('const f = (a) => ({...null,  ...a, inner: {...null,  ...a.b, z: 1 }, list: [{...null,  ...a.c }] }); const g = {...null,  ...{...null,  ...h, i: 1 }, j: 2 };');
  });

  it('leaves code it changed before as it is', () => {
    const once = transform('x = { ...a, b: 1 };').code;
    expect(transform(once)).toEqual({ code: once, changed: 0 });
  });

  it('builds the same objects: key order, overrides, symbols, getters read once, a "__proto__" key, null and primitives spread', () => {
    const source = `(() => {
      const sym = Symbol.for('s');
      let reads = 0;
      const withGetter = { get g() { reads += 1; return reads; } };
      const hostile = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}');
      const built = [
        { ...{ a: 1, b: 2 }, b: 3, c: 4 },
        { ...{ [sym]: 1, z: 0 }, y: 2 },
        { ...withGetter, after: true },
        { ...hostile, b: 2 },
        { ...undefined, ...null, ...'hi', ...5, k: 1 },
        { ...[10, 20], 2: 30 },
      ];
      return built.map((o) => ({ keys: Reflect.ownKeys(o).map(String), values: Reflect.ownKeys(o).map((k) => JSON.stringify(o[k])), plainProto: Object.getPrototypeOf(o) === Object.prototype, polluted: 'polluted' in o }));
    })()`;
    const { code, changed } = transform(source);
    expect(changed).toBe(6);
    expect(evaluate(code)).toEqual(evaluate(source));
  });

  it('refuses offsets that do not point at a literal rather than write a broken bundle', () => {
    expect(() => nullBeforeLeadingSpreads('x = { ...a, b: 1 };', () => ({ type: 'ObjectExpression', start: 0, properties: [{ type: 'SpreadElement', argument: { type: 'Identifier' } }] }))).toThrow(
      /no "\{" at offset 0/,
    );
  });

  it('was applied to the built server bundle: no object literal in it begins with a spread of anything but null', () => {
    const dir = join(process.cwd(), 'dist', 'server');
    const chunks = readdirSync(dir).filter((f) => f === 'switchyard.cjs' || (f.startsWith('sy-chunk-') && f.endsWith('.cjs')));
    expect(chunks.length).toBeGreaterThan(5);
    const left: string[] = [];
    let spreads = 0;
    for (const file of chunks) {
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(walk);
        const n = node as Parameters<typeof beginsWithSpread>[0];
        if (n.type === 'ObjectExpression' && n.properties?.[0]?.type === 'SpreadElement') {
          spreads += 1;
          if (beginsWithSpread(n)) left.push(file);
        }
        for (const value of Object.values(node)) if (value !== null && typeof value === 'object') walk(value);
      };
      walk(parseAst(readFileSync(join(dir, file), 'utf8')));
    }
    expect(spreads).toBeGreaterThan(100);
    expect(left).toEqual([]);
  });
});
