import { LUXON_LEFTOVER, rewriteLuxon } from './luxon.js';

/**
 * n8n expressions (the JavaScript between `{{ }}`) rewritten for Switchyard's sandbox. n8n
 * reads data through its item model (`$json`, `$('Node').item.json`); Switchyard through
 * `input`, `trigger` and `steps.<id>`. What has no equivalent is kept as written (so the
 * step fails visibly when it runs) and named in `untranslated`.
 */

export interface ExpressionScope {
  /** What `$json` / `$input.item.json` reads in this node: `input`, `input.body` after an HTTP step, `trigger`. */
  inputRoot: string;
  /** What `$('Name').item.json` reads: `steps.<id>` (`.body` for HTTP steps), `trigger`; undefined for an unknown name. */
  nodeRoot: (name: string) => string | undefined;
  /** What `$input.all()` and `$items()` read when it is not the input itself: inside a loop the import added, the whole list. */
  allInputs?: string;
  /** The workflow's name, for `$workflow.name` (the imported workflow keeps it). */
  workflowName?: string;
}

export interface TranslatedExpression {
  expr: string;
  /** n8n forms left as written, each a short phrase for the report. */
  untranslated: string[];
}

const itemsOf = (root: string) => `[].concat(${root} ?? []).map((json) => ({ json }))`;
const NAME = String.raw`(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")`;
const ACCESS = String.raw`\s*\??\.\s*`;
const unescapeName = (single: string | undefined, double: string | undefined) => (single ?? double ?? '').replace(/\\(.)/g, '$1');

/** Splits `a, b, c` at top-level commas (outside brackets and strings). */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/** The index of the `)` closing the `(` at `open`, or -1. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** `$if(a, b, c)` -> `((a) ? (b) : (c))`, innermost first. */
function rewriteIf(source: string): string {
  let out = source;
  for (let guard = 0; guard < 50; guard++) {
    const at = out.search(/\$if\s*\(/);
    if (at < 0) break;
    const open = out.indexOf('(', at);
    const close = closingParen(out, open);
    if (close < 0) break;
    const args = splitArguments(out.slice(open + 1, close));
    if (args.length !== 3) break;
    out = `${out.slice(0, at)}((${args[0]}) ? (${args[1]}) : (${args[2]}))${out.slice(close + 1)}`;
  }
  return out;
}

/** Rewrites one n8n expression (no braces). */
export function translateExpression(source: string, scope: ExpressionScope): TranslatedExpression {
  const untranslated: string[] = [];
  const root = (single: string | undefined, double: string | undefined, whole: string): string => {
    const name = unescapeName(single, double);
    const r = scope.nodeRoot(name);
    if (r === undefined) untranslated.push(`${whole} (no node "${name}" in this workflow)`);
    return r ?? whole;
  };
  let out = rewriteIf(source);
  // $('Node').item.json / .first().json / .last().json / .all() / .isExecuted
  out = out.replace(new RegExp(String.raw`\$\(\s*${NAME}\s*\)${ACCESS}(?:item|first\(\s*\)|last\(\s*\))${ACCESS}json\b`, 'g'), (m, s?: string, d?: string) => root(s, d, m));
  out = out.replace(new RegExp(String.raw`\$\(\s*${NAME}\s*\)${ACCESS}all\(\s*\)`, 'g'), (m, s?: string, d?: string) => {
    const r = root(s, d, m);
    return r === m ? m : itemsOf(r);
  });
  out = out.replace(new RegExp(String.raw`\$\(\s*${NAME}\s*\)${ACCESS}isExecuted\b`, 'g'), (m, s?: string, d?: string) => {
    const r = root(s, d, m);
    return r === m ? m : `(${r} !== undefined)`;
  });
  // A loop's state read from inside its body: n8n's Split In Batches context.
  out = out.replace(new RegExp(String.raw`\$node\s*\[\s*${NAME}\s*\]${ACCESS}context\s*(?:\[\s*['"]noItemsLeft['"]\s*\]|\.\s*noItemsLeft\b)`, 'g'), (m, s?: string, d?: string) => {
    const r = root(s, d, m);
    return r === m ? m : `(${r}.index + 1 >= ${r}.total)`;
  });
  // $node["Node"].json and $node.Node.json
  out = out.replace(new RegExp(String.raw`\$node\s*\[\s*${NAME}\s*\]${ACCESS}json\b`, 'g'), (m, s?: string, d?: string) => root(s, d, m));
  out = out.replace(/\$node\.([A-Za-z_]\w*)\s*\.\s*json\b/g, (m, name: string) => root(name, undefined, m));
  // $items("Node") and $items()
  out = out.replace(new RegExp(String.raw`\$items\(\s*${NAME}\s*\)`, 'g'), (m, s?: string, d?: string) => {
    const r = root(s, d, m);
    return r === m ? m : itemsOf(r);
  });
  out = out.replace(/\$items\(\s*\)/g, itemsOf(scope.allInputs ?? scope.inputRoot));
  // $input
  out = out.replace(new RegExp(String.raw`\$input${ACCESS}(?:item|first\(\s*\)|last\(\s*\))${ACCESS}json\b`, 'g'), scope.inputRoot);
  out = out.replace(new RegExp(String.raw`\$input${ACCESS}all\(\s*\)`, 'g'), itemsOf(scope.allInputs ?? scope.inputRoot));
  out = out.replace(new RegExp(String.raw`\$input${ACCESS}(?:item\b|first\(\s*\)|last\(\s*\))`, 'g'), `({ json: ${scope.inputRoot} })`);
  out = out.replace(/\$json\b/g, scope.inputRoot);
  if (scope.workflowName !== undefined) out = out.replace(/\$workflow\s*\.\s*name\b/g, JSON.stringify(scope.workflowName));
  // The run executing: n8n's execution id is Switchyard's run id (a replay is a new run in both).
  out = out.replace(/\$execution\s*\??\.\s*id\b/g, 'run.id');
  // Time, variables
  out = out.replace(/\$now\b/g, 'dayjs()').replace(/\$today\b/g, "dayjs().startOf('day')");
  out = out.replace(/\$(?:env|vars)(?=\s*\??\.\s*[A-Za-z_$]|\s*\[)/g, 'vars');
  out = rewriteLuxon(out);
  if (LUXON_LEFTOVER.test(out)) untranslated.push('a Luxon call without a dayjs equivalent here');
  for (const m of out.matchAll(/\$[A-Za-z_]\w*/g)) {
    if (!untranslated.some((u) => u.startsWith(m[0]))) untranslated.push(`${m[0]} (no Switchyard equivalent)`);
  }
  return { expr: out, untranslated };
}

export interface TranslatedValue {
  /** A Switchyard template string (`{{ }}` expressions) or the literal as it was. */
  value: string;
  untranslated: string[];
  /** True when the value held at least one expression. */
  templated: boolean;
}

/** True for an n8n parameter in expression mode: a string starting with "=". */
export const isN8nExpression = (value: unknown): value is string => typeof value === 'string' && value.startsWith('=');

/** An n8n string parameter (literal, or "=" and text with `{{ }}`) as a Switchyard template string. */
export function translateString(value: string, scope: ExpressionScope): TranslatedValue {
  if (!isN8nExpression(value)) return { value, untranslated: [], templated: false };
  const untranslated: string[] = [];
  let templated = false;
  // n8n renders undefined and null as nothing inside text ("Hello {{ $json.name }}" -> "Hello "); a
  // value that is one expression keeps its type.
  const whole = /^\s*\{\{[\s\S]*\}\}\s*$/.test(value.slice(1)) && value.split('{{').length === 2;
  const body = value.slice(1).replace(/\{\{([\s\S]*?)\}\}/g, (_m, expr: string) => {
    templated = true;
    const t = translateExpression(expr.trim(), scope);
    untranslated.push(...t.untranslated);
    if (whole) return `{{ ${t.expr} }}`;
    return /^[\w$.?[\]'"]+$/.test(t.expr) ? `{{ ${t.expr} ?? '' }}` : `{{ (${t.expr}) ?? '' }}`;
  });
  return { value: body, untranslated, templated };
}
