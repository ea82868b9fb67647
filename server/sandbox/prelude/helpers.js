// Runs inside the isolate (see kit.js). The small helper set that Zapier Formatter and n8n
// Code users reach for most: text case and slugs, number formatting and parsing, list and
// object shaping. Documented in docs/code-and-expressions.md; keep the two in step.

/** @typedef {import('./kit.js').Kit} Kit */
/** @typedef {string | ((item: unknown) => unknown)} Selector */

/** The helper globals: text, num, list, obj. @param {Kit} kit */
export function makeHelpers(kit) {
  /** @param {unknown} s */
  const str = (s) => (s === undefined || s === null ? '' : String(s));
  /** @param {unknown} s @returns {string[]} words split on spaces, punctuation and case changes */
  const words = (s) =>
    str(s)
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  /** @param {string} w */
  const cap = (w) => w.charAt(0).toUpperCase() + w.slice(1);
  /**
   * Removes <script> and <style> blocks with their content, in one pass (a lazy regular
   * expression would rescan the rest of the text for every unclosed tag).
   * @param {string} s
   */
  const dropBlocks = (s) => {
    const open = /<(script|style)\b/gi;
    let out = '';
    let from = 0;
    for (let m = open.exec(s); m; m = open.exec(s)) {
      const close = new RegExp(`</${m[1]}`, 'gi');
      close.lastIndex = m.index;
      const end = close.exec(s);
      out += s.slice(from, m.index);
      if (!end) return out;
      const gt = s.indexOf('>', end.index);
      from = gt < 0 ? s.length : gt + 1;
      open.lastIndex = from;
    }
    return out + s.slice(from);
  };

  const text = {
    /** "Crème Brûlée!" -> "creme-brulee" @param {unknown} s @param {string} [separator] */
    slugify: (s, separator = '-') =>
      str(s)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .join(separator),
    /** @param {unknown} s */
    capitalize: (s) => cap(str(s)),
    /** @param {unknown} s */
    titleCase: (s) => str(s).toLowerCase().replace(/(^|[\s\-/(])(\p{L})/gu, (_, a, b) => a + b.toUpperCase()),
    /** @param {unknown} s */
    camelCase: (s) => words(s).map((w, i) => (i ? cap(w.toLowerCase()) : w.toLowerCase())).join(''),
    /** @param {unknown} s */
    pascalCase: (s) => words(s).map((w) => cap(w.toLowerCase())).join(''),
    /** @param {unknown} s */
    snakeCase: (s) => words(s).map((w) => w.toLowerCase()).join('_'),
    /** @param {unknown} s */
    kebabCase: (s) => words(s).map((w) => w.toLowerCase()).join('-'),
    /** @param {unknown} s @param {number} max @param {string} [suffix] */
    truncate: (s, max, suffix = '…') => {
      const t = str(s);
      return t.length <= max ? t : t.slice(0, Math.max(0, max - suffix.length)) + suffix;
    },
    /** @param {unknown} s */
    stripHtml: (s) =>
      dropBlocks(str(s))
        .replace(/<[^<>]*>/g, '')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    /** @param {unknown} s */
    escapeHtml: (s) => str(s).replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`),
    /** @param {unknown} s */
    // The lookbehind starts a match only at a word's start: linear on long texts without "@".
    extractEmails: (s) => str(s).match(/(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g) ?? [],
    /** @param {unknown} s */
    extractUrls: (s) => str(s).match(/https?:\/\/[^\s<>"')\]]+/g) ?? [],
    /** @param {unknown} s */
    extractNumbers: (s) => (str(s).match(/-?\d+(?:[.,]\d+)*/g) ?? []).map((n) => Number(n.replace(/,/g, ''))),
  };

  /** @param {string} locale decimal and group separators of a locale */
  const separators = (locale) => {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    return { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
  };
  const num = {
    /** Intl formatting with a short option set. @param {number} n @param {{ locale?: string, decimals?: number, currency?: string, percent?: boolean, compact?: boolean }} [o] */
    format: (n, o = {}) =>
      new Intl.NumberFormat(o.locale ?? 'en-US', {
        ...(o.decimals === undefined ? {} : { minimumFractionDigits: o.decimals, maximumFractionDigits: o.decimals }),
        ...(o.currency ? { style: 'currency', currency: o.currency } : o.percent ? { style: 'percent' } : {}),
        ...(o.compact ? { notation: 'compact' } : {}),
      }).format(n),
    /** @param {number} n @param {string} [currency] @param {string} [locale] */
    currency: (n, currency = 'USD', locale = 'en-US') => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(n),
    /** Rounds half away from zero at `decimals`, without 1.005 -> 1.00 surprises. @param {number} n @param {number} [decimals] */
    round: (n, decimals = 0) => Math.sign(n) * Number(`${Math.round(Number(`${Math.abs(n)}e${decimals}`))}e-${decimals}`),
    /** "1.234,56 €" in de-DE -> 1234.56; NaN when it is not a number. @param {unknown} s @param {string} [locale] */
    parse: (s, locale = 'en-US') => {
      if (typeof s === 'number') return s;
      const { group, decimal } = separators(locale);
      const cleaned = str(s).split(group).join('').split(decimal).join('.').replace(/[^\d.eE+-]/g, '');
      return cleaned === '' ? NaN : Number(cleaned);
    },
    /** @param {number} n @param {number} min @param {number} max */
    clamp: (n, min, max) => Math.min(max, Math.max(min, n)),
    /** Integer in [min, max]. @param {number} min @param {number} max */
    randomInt: (min, max) => Math.floor(Math.random() * (Math.floor(max) - Math.ceil(min) + 1)) + Math.ceil(min),
  };

  /** @param {Selector | undefined} by @returns {(item: unknown) => unknown} */
  const selector = (by) => (typeof by === 'function' ? by : by === undefined ? (x) => x : (x) => get(x, by));
  /** @param {unknown} o @param {string | (string | number)[]} path @param {unknown} [fallback] */
  const get = (o, path, fallback) => {
    const keys = Array.isArray(path) ? path : String(path).replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
    let cur = o;
    for (const k of keys) {
      if (cur === null || typeof cur !== 'object' || !kit.hasOwn(cur, k)) return fallback;
      cur = /** @type {Record<string, unknown>} */ (cur)[k];
    }
    return cur === undefined ? fallback : cur;
  };
  /** @param {unknown} v */
  const key = (v) => (typeof v === 'string' ? v : kit.stringify(v) ?? 'undefined');
  const list = {
    /** @param {unknown[]} a @param {number} size */
    chunk: (a, size) => {
      if (!(size >= 1)) throw new RangeError('list.chunk: size must be at least 1.');
      /** @type {unknown[][]} */ const out = [];
      for (let i = 0; i < a.length; i += size) out.push(a.slice(i, i + size));
      return out;
    },
    /** @param {unknown[]} a @param {Selector} [by] */
    uniq: (a, by) => {
      const f = selector(by);
      const seen = new Set();
      return a.filter((x) => (seen.has(key(f(x))) ? false : (seen.add(key(f(x))), true)));
    },
    /** @param {unknown[]} a @param {Selector} by */
    groupBy: (a, by) => {
      const f = selector(by);
      /** @type {Record<string, unknown[]>} */ const out = {};
      for (const x of a) (out[key(f(x))] ??= []).push(x);
      return out;
    },
    /** @param {unknown[]} a @param {Selector} by */
    keyBy: (a, by) => {
      const f = selector(by);
      /** @type {Record<string, unknown>} */ const out = {};
      for (const x of a) out[key(f(x))] = x;
      return out;
    },
    /** @param {unknown[]} a @param {Selector} [by] @param {'asc' | 'desc'} [order] */
    sortBy: (a, by, order = 'asc') => {
      const f = selector(by);
      const dir = order === 'desc' ? -1 : 1;
      return [...a].sort((x, y) => {
        const p = /** @type {string} */ (f(x));
        const q = /** @type {string} */ (f(y));
        return p < q ? -dir : p > q ? dir : 0;
      });
    },
    /** @param {unknown[]} a @param {Selector} [by] */
    sum: (a, by) => a.reduce((/** @type {number} */ t, x) => t + (Number(selector(by)(x)) || 0), 0),
    /** Drops null, undefined, '' and NaN. @param {unknown[]} a */
    compact: (a) => a.filter((x) => x !== null && x !== undefined && x !== '' && !Number.isNaN(x)),
  };

  const obj = {
    get,
    /** @param {Record<string, unknown>} o @param {string[]} keys */
    pick: (o, keys) => Object.fromEntries(keys.filter((k) => kit.hasOwn(o, k)).map((k) => [k, o[k]])),
    /** @param {Record<string, unknown>} o @param {string[]} keys */
    omit: (o, keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))),
    /** True for null, undefined, '', [] and {}. @param {unknown} v */
    isEmpty: (v) => v === null || v === undefined || v === '' || (typeof v === 'object' && Object.keys(v).length === 0),
  };
  return { text, num, list, obj };
}
