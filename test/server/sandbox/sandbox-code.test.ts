import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPool } from '../../../server/sandbox/sandbox-pool.js';
import type { SandboxPool } from '../../../server/sandbox/sandbox-types.js';
import { run, scopeOf, valueOf } from './support.js';

let pool: SandboxPool;
beforeAll(() => {
  pool = createSandboxPool({ size: 2 });
});
afterAll(() => pool.close());

describe('code steps: results', () => {
  it('returns what sync code returns, reading trigger, input and steps', async () => {
    const r = await run(pool, 'return { text: `Order ${trigger.body.id}`, n: trigger.body.items.length, up: input.id, hook: steps.hook.id, m: trigger.method }');
    expect(valueOf(r)).toEqual({ text: 'Order 7', n: 3, up: 7, hook: 7, m: 'POST' });
  });

  it('awaits async code', async () => {
    const r = await run(pool, 'const double = async (x) => x * 2;\nconst a = await double(21);\nawait null;\nreturn await Promise.all([a, Promise.resolve("b")]);');
    expect(valueOf(r)).toEqual([42, 'b']);
  });

  it('keeps every JSON type and maps non-JSON values the way JSON does', async () => {
    const r = await run(
      pool,
      'return { s: "x", n: 1.5, neg: -0, t: true, f: false, z: null, a: [1, undefined, "y"], o: { deep: { er: [] } }, nan: NaN, inf: Infinity, gone: undefined, d: new Date(0), e: new TypeError("bad") }',
    );
    expect(valueOf(r)).toEqual({
      s: 'x',
      n: 1.5,
      neg: 0,
      t: true,
      f: false,
      z: null,
      a: [1, null, 'y'],
      o: { deep: { er: [] } },
      nan: null,
      inf: null,
      d: '1970-01-01T00:00:00.000Z',
      e: { name: 'TypeError', message: 'bad' },
    });
  });

  it('returns primitives and nothing', async () => {
    expect(valueOf(await run(pool, 'return 42'))).toBe(42);
    expect(valueOf(await run(pool, 'return "text"'))).toBe('text');
    expect(valueOf(await run(pool, 'return false'))).toBe(false);
    expect(valueOf(await run(pool, 'return null'))).toBeNull();
    expect(valueOf(await run(pool, 'const x = 1;'))).toBeUndefined();
  });

  it('copies "__proto__" keys of the data as plain keys', async () => {
    const r = await pool.runCode({ code: 'return { polluted: ({}).admin, own: Object.keys(input), back: input }', scope: scopeOf({ input: JSON.parse('{"__proto__": {"admin": true}, "a": 1}') }) });
    const v = valueOf(r) as { polluted: unknown; own: string[]; back: Record<string, unknown> };
    expect(v.polluted).toBeUndefined();
    expect(v.own).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(v.back)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(v.back, '__proto__')).toBe(true);
  });

  it('captures console output in order, formatted', async () => {
    const r = await run(pool, 'console.log("total", 3, { a: [1, "x"] }, null);\nconsole.warn("careful");\nconsole.error(new Error("boom"));\nreturn 1');
    expect(r.logs).toEqual(['total 3 { a: [ 1, "x" ] } null', '[warn] careful', '[error] Error: boom']);
  });

  it('keeps the logs of a run that fails', async () => {
    const r = await run(pool, 'console.log("before");\nthrow new Error("after")');
    expect(r.ok).toBe(false);
    expect(r.logs).toEqual(['before']);
  });
});

describe('code steps: errors name the line of the user code', () => {
  it('reports a runtime TypeError with its line', async () => {
    const r = await run(pool, 'const c = trigger.body.customer;\nconst order = trigger.body.order;\nreturn order.email;');
    expect(r).toMatchObject({ ok: false, error: { code: 'code_error', line: 3, message: "TypeError at line 3: Cannot read properties of undefined (reading 'email')" } });
  });

  it('reports an error thrown after an await with its line', async () => {
    const r = await run(pool, 'await null;\n\nthrow new RangeError("too many");');
    expect(r).toMatchObject({ ok: false, error: { code: 'code_error', line: 3, message: 'RangeError at line 3: too many' } });
  });

  it('reports a thrown non-error value', async () => {
    const r = await run(pool, 'throw "nope"');
    expect(r).toMatchObject({ ok: false, error: { code: 'code_error' } });
    expect(r.ok ? '' : r.error.message).toContain('"nope"');
  });

  it('reports a syntax error with its line and column', async () => {
    const r = await run(pool, 'const a = 1;\nconst b = ;\nreturn a');
    expect(r).toMatchObject({ ok: false, error: { code: 'syntax_error', line: 2, column: 11, message: "SyntaxError at line 2: Unexpected token ';'" } });
  });
});

describe('code steps: helpers', () => {
  it('hashes and signs on the host with the same results as node:crypto', async () => {
    const r = await run(
      pool,
      'return [crypto.hash("sha256", "abc"), crypto.hash("md5", "é", "base64"), crypto.hmac("sha256", "key", trigger.body.customer.email, "base64url"), crypto.randomUUID(), crypto.timingSafeEqual("a", "a"), crypto.timingSafeEqual("a", "b")]',
    );
    const [sha, md5, hmac, uuid, same, differ] = valueOf(r) as [string, string, string, string, boolean, boolean];
    expect(sha).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(md5).toBe(createHash('md5').update('é').digest('base64'));
    expect(hmac).toBe(createHmac('sha256', 'key').update('Ada@Example.com').digest('base64url'));
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([same, differ]).toEqual([true, false]);
  });

  it('refuses unknown algorithms and non-string data with a clear error', async () => {
    const alg = await run(pool, 'return crypto.hash("sha999", "x")');
    expect(alg.ok ? '' : alg.error.message).toContain('unknown algorithm "sha999"');
    const data = await run(pool, 'return crypto.hash("sha256", { a: 1 })');
    expect(data.ok ? '' : data.error.message).toContain('must be a string');
  });

  it('encodes base64 for Unicode text and binary strings', async () => {
    const r = await run(pool, 'return [base64.encode("héllo ✓"), base64.decode(base64.encode("héllo ✓")), base64.encodeUrl("??>>"), base64.decode("Pz8-Pg"), btoa("hi"), atob("aGk=")]');
    expect(valueOf(r)).toEqual([Buffer.from('héllo ✓').toString('base64'), 'héllo ✓', Buffer.from('??>>').toString('base64url'), '??>>', 'aGk=', 'hi']);
  });

  it('parses URLs like the WHATWG parser and edits query strings', async () => {
    const r = await run(
      pool,
      `const u = new URL("/p/q?x=1&y=two#h", "https://user:pw@a.example.com:8080/base");
u.searchParams.append("z", "a b&c");
u.searchParams.delete("x");
const p = new URLSearchParams({ q: "crème brûlée", n: 1 });
return { href: u.href, host: u.hostname, port: u.port, user: u.username, y: u.searchParams.get("y"), p: p.toString(), back: [...new URLSearchParams(p.toString())], ok: URL.canParse("nope") }`,
    );
    const expected = new URL('/p/q?x=1&y=two#h', 'https://user:pw@a.example.com:8080/base');
    expected.searchParams.append('z', 'a b&c');
    expected.searchParams.delete('x');
    expect(valueOf(r)).toEqual({
      href: expected.href,
      host: 'a.example.com',
      port: '8080',
      user: 'user',
      y: 'two',
      p: new URLSearchParams({ q: 'crème brûlée', n: '1' }).toString(),
      back: [
        ['q', 'crème brûlée'],
        ['n', '1'],
      ],
      ok: false,
    });
    const bad = await run(pool, 'return new URL("not a url")');
    expect(bad).toMatchObject({ ok: false, error: { code: 'code_error', message: 'TypeError at line 1: Invalid URL: not a url' } });
  });

  it('formats and shifts dates with dayjs, time zones included', async () => {
    const r = await run(
      pool,
      `const d = dayjs.utc("2024-03-10T12:00:00Z");
return [d.add(1, "day").format("YYYY-MM-DD"), d.tz("America/New_York").format("HH:mm z"), dayjs("10/03/2024", "DD/MM/YYYY").format("YYYY-MM-DD"), dayjs.duration(90, "minutes").asHours(), new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(new Date(0)), d]`,
    );
    expect(valueOf(r)).toEqual(['2024-03-11', '08:00 EDT', '2024-03-10', 1.5, '1 January 1970', '2024-03-10T12:00:00.000Z']);
  });

  it('has text, number, list and object helpers', async () => {
    const r = await run(
      pool,
      `return [
  text.slugify("Crème Brûlée: Now 50% off!"), text.titleCase("hello wORLD"), text.camelCase("order_id-value"), text.snakeCase("orderIdValue"),
  text.truncate("abcdefgh", 5), text.stripHtml("<p>Hi &amp; <b>bye</b></p><script>if (a<b) x()</script>"), text.extractEmails("a x@y.com, z@w.org"),
  num.format(1234.5, { currency: "EUR", locale: "de-DE" }), num.parse("1.234,56", "de-DE"), num.round(1.005, 2),
  list.groupBy([{ t: "a" }, { t: "b" }, { t: "a" }], "t"), list.sum([{ p: 2 }, { p: 3.5 }], "p"), list.chunk([1, 2, 3], 2), list.uniq([1, 1, 2]),
  obj.get(trigger, "body.items[1]"), obj.pick({ a: 1, b: 2 }, ["a"]), obj.omit({ a: 1, b: 2 }, ["a"])]`,
    );
    expect(valueOf(r)).toEqual([
      'creme-brulee-now-50-off',
      'Hello World',
      'orderIdValue',
      'order_id_value',
      'abcd…',
      'Hi & bye',
      ['x@y.com', 'z@w.org'],
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(1234.5),
      1234.56,
      1.01,
      { a: [{ t: 'a' }, { t: 'a' }], b: [{ t: 'b' }] },
      5.5,
      [[1, 2], [3]],
      [1, 2],
      2,
      { a: 1 },
      { b: 2 },
    ]);
  });
});
