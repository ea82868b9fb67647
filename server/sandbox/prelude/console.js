// Runs inside the isolate (see kit.js). `console` whose lines go to the step's log; the host
// caps their number and size, and we stop formatting once it says the log is full.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {import('./kit.js').Host} Host */

/** The `console` global, and the reset of its per-call state. @param {Host} host @param {Kit} kit */
export function makeConsole(host, kit) {
  const { stringify, keys, isArray, tag } = kit;
  const LINE = 4000;
  let full = false;

  /** @param {unknown} v @param {number} depth @param {unknown[]} seen @returns {string} */
  const inspect = (v, depth, seen) => {
    switch (typeof v) {
      case 'string':
        return depth ? stringify(v) : v;
      case 'bigint':
        return `${v}n`;
      case 'symbol':
        return v.toString();
      case 'function':
        return `[Function: ${v.name || 'anonymous'}]`;
      case 'object':
        break;
      default:
        return String(v);
    }
    if (v === null) return 'null';
    if (seen.includes(v)) return '[Circular]';
    const t = tag(v);
    if (t === '[object Error]') {
      const e = /** @type {Error} */ (v);
      return `${e.name}: ${e.message}`;
    }
    if (t === '[object Date]') return /** @type {Date} */ (v).toISOString?.() ?? 'Invalid Date';
    if (depth > 3) return isArray(v) ? '[Array]' : '[Object]';
    const inner = [...seen, v];
    if (isArray(v)) {
      const items = v.slice(0, 50).map((x) => inspect(x, depth + 1, inner));
      if (v.length > 50) items.push(`… ${v.length - 50} more`);
      return `[ ${items.join(', ')} ]`;
    }
    if (t === '[object Map]') return `Map(${/** @type {Map<unknown, unknown>} */ (v).size})`;
    if (t === '[object Set]') return `Set(${/** @type {Set<unknown>} */ (v).size})`;
    const o = /** @type {Record<string, unknown>} */ (v);
    const ks = keys(o);
    const items = ks.slice(0, 50).map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : stringify(k)}: ${inspect(o[k], depth + 1, inner)}`);
    if (ks.length > 50) items.push(`… ${ks.length - 50} more`);
    return items.length ? `{ ${items.join(', ')} }` : '{}';
  };

  /** @param {string} level @returns {(...args: unknown[]) => void} */
  const writer = (level) => (...args) => {
    if (full) return;
    let line = level;
    for (let i = 0; i < args.length && line.length <= LINE; i++) {
      let s;
      try {
        s = inspect(args[i], 0, []);
      } catch {
        s = '[unprintable]';
      }
      line += i ? ` ${s}` : s;
    }
    full = !host.log(line.length > LINE ? `${line.slice(0, LINE)}…` : line);
  };
  const log = writer('');
  const console = {
    log,
    info: log,
    debug: log,
    dir: log,
    table: log,
    trace: log,
    warn: writer('[warn] '),
    error: writer('[error] '),
  };
  return { console, reset: () => (full = false) };
}
