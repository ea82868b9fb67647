// A build step for the server bundle (server/rolldown.config.mjs): every object literal that
// begins with a spread, `{ ...a, b: 1 }`, becomes `{ ...null, ...a, b: 1 }`. The two mean the same
// (spreading null copies nothing), but Node 20's V8 (11.3) builds the first kind with a fast clone
// whose object then takes about 1.5 us for each property added to it, in the literal or later
// (`const o = { ...a }; o.b = 1`), against about 0.1 us in all for the second kind
// (bench/object-spread.mjs). The server makes such objects on every event: records, rows, leases.
// Plain JavaScript in, plain JavaScript out: the parser only finds where the literals start.

/** @typedef {{ type: string, start: number, properties?: { type: string, argument: { type: string, value?: unknown } }[] }} EstreeNode */

/**
 * The depth-first walk over an ESTree program: every node that has a `type`.
 * @param {unknown} node
 * @param {(node: EstreeNode) => void} visit
 */
function walk(node, visit) {
  if (node === null || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  const record = /** @type {Record<string, unknown>} */ (node);
  if (typeof record.type === 'string') visit(/** @type {EstreeNode} */ (node));
  for (const key in record) {
    const value = record[key];
    if (value !== null && typeof value === 'object') walk(value, visit);
  }
}

/**
 * A literal that begins with a spread of anything but null (one changed already stays as it is).
 * @param {EstreeNode} node
 */
export function beginsWithSpread(node) {
  const first = node.properties?.[0];
  return first?.type === 'SpreadElement' && !(first.argument.type === 'Literal' && first.argument.value === null);
}

/**
 * The code with `...null, ` put first in every object literal that begins with a spread, and
 * how many it changed. `parse` gives an ESTree program whose offsets index `code`; a literal
 * whose offset does not point at its `{` throws rather than corrupt the output.
 * @param {string} code
 * @param {(code: string) => unknown} parse
 * @returns {{ code: string, changed: number }}
 */
export function nullBeforeLeadingSpreads(code, parse) {
  /** @type {number[]} */
  const starts = [];
  walk(parse(code), (node) => {
    if (node.type === 'ObjectExpression' && beginsWithSpread(node)) starts.push(node.start);
  });
  starts.sort((a, b) => a - b);
  let out = '';
  let from = 0;
  for (const start of starts) {
    if (code[start] !== '{') throw new Error(`leading-spread: no "{" at offset ${start} (${JSON.stringify(code.slice(start, start + 30))})`);
    out += code.slice(from, start + 1) + '...null, ';
    from = start + 1;
  }
  return { code: out + code.slice(from), changed: starts.length };
}

/**
 * The rolldown plugin. It edits the chunks once they are final (generateBundle): rolldown drops a
 * spread of null from a chunk it is still printing (renderChunk), as the no-op it is.
 */
/** @type {import('rolldown').Plugin} */
export const leadingSpreadPlugin = {
  name: 'leading-spread',
  generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      chunk.code = nullBeforeLeadingSpreads(chunk.code, (source) => this.parse(source)).code;
    }
  },
};
