import type { MapContext, NodeMapper } from '../mapper-types.js';

/**
 * Code (JavaScript, both modes), Function and Function Item. The n8n code runs as written
 * inside a prelude that provides n8n's item helpers over Switchyard's data, and an epilogue
 * that turns the returned items back into one output (one item: its json; several: a list).
 */

const NODE_REF = /\$\(\s*(['"])((?:(?!\1).)*)\1\s*\)|\$node\s*\[\s*(['"])((?:(?!\3).)*)\3\s*\]|\$items\(\s*(['"])((?:(?!\5).)*)\5\s*\)/g;

/** Helpers n8n code expects, over the data this step reads. */
function prelude(ctx: MapContext, source: string): string {
  const names = [...new Set([...source.matchAll(NODE_REF)].map((m) => m[2] ?? m[4] ?? m[6] ?? ''))];
  const table = names
    .map((n) => {
      const root = ctx.nodeRoot(n);
      if (root === undefined) ctx.note('manual', `the code reads node "${n}", which is not in this workflow`);
      return `  ${JSON.stringify(n)}: ${root ?? 'undefined'},`;
    })
    .join('\n');
  return [
    "// Imported from n8n: these stand in for n8n's item helpers (see docs/import-from-n8n.md).",
    'const __items = (data) => [].concat(data ?? []).map((json) => ({ json }));',
    `const __nodes = {\n${table}\n};`,
    'const $ = (name) => { const all = __items(__nodes[name]); return { item: all[0], first: () => all[0], last: () => all[all.length - 1], all: () => all, isExecuted: __nodes[name] !== undefined }; };',
    'const $node = Object.fromEntries(Object.entries(__nodes).map(([k, v]) => [k, { json: v }]));',
    'const $items = (name) => (name === undefined ? __items(__input) : __items(__nodes[name]));',
    "const $now = dayjs(); const $today = dayjs().startOf('day');",
    "const $env = typeof vars === 'undefined' ? {} : vars;",
    // Only its id has an equivalent; other members are named in the report (context.ts).
    ...(/\$execution\b/.test(source) ? ['const $execution = { id: run.id };'] : []),
  ].join('\n');
}

const EPILOGUE = ["const __list = [].concat(__result ?? []).map((i) => (i !== null && typeof i === 'object' && 'json' in i ? i.json : i));", 'return __list.length === 1 ? __list[0] : __list;'].join(
  '\n',
);

/** All items at once: `items`, `$input.all()`, `$json` (the first item). */
function allItems(ctx: MapContext, source: string): string {
  const code = ctx.code(source, 'code');
  return [
    prelude(ctx, code),
    `const __input = ${ctx.allInputs ?? ctx.inputRoot};`,
    'const items = __items(__input);',
    'const $input = { all: () => items, first: () => items[0], last: () => items[items.length - 1], item: items[0] };',
    'const $json = items[0]?.json;',
    'const __result = await (async () => {',
    code,
    '})();',
    EPILOGUE,
  ].join('\n');
}

/** Once per item: `$json`, `$input.item`, and the legacy Function Item's `item` (the json itself when `legacyItem`). */
function eachItem(ctx: MapContext, source: string, legacyItem: boolean): string {
  const code = ctx.code(source, 'code');
  return [
    prelude(ctx, code),
    `const __input = ${ctx.allInputs ?? ctx.inputRoot};`,
    'const __result = [];',
    'for (const __json of [].concat(__input ?? [])) {',
    '  const $json = __json;',
    '  const $input = { item: { json: __json } };',
    `  const item = ${legacyItem ? '__json' : '{ json: __json }'};`,
    '  const __one = await (async () => {',
    code,
    legacyItem ? '  return item;\n  })();' : '  })();',
    '  __result.push(__one);',
    '}',
    EPILOGUE,
  ].join('\n');
}

export const codeNode: NodeMapper = (ctx) => {
  if (ctx.param('language') !== undefined && ctx.param('language') !== 'javaScript') {
    ctx.note('manual', `${String(ctx.param('language'))} code cannot run here; the step fails until it is rewritten in JavaScript`);
    return {
      type: 'code',
      config: { code: `throw new Error(${JSON.stringify(`not imported: ${String(ctx.param('language'))} code`)});\n/*\n${String(ctx.param('pythonCode') ?? '').replace(/\*\//g, '* /')}\n*/` },
    };
  }
  const source = String(ctx.param('jsCode') ?? 'return items;');
  ctx.note('approximated', "n8n's item helpers are provided by a prelude; several returned items become a list");
  return { type: 'code', config: { code: ctx.param('mode') === 'runOnceForEachItem' ? eachItem(ctx, source, false) : allItems(ctx, source) } };
};

export const functionNode: NodeMapper = (ctx) => {
  ctx.note('approximated', "the legacy Function node runs with n8n's `items`; several returned items become a list");
  return { type: 'code', config: { code: allItems(ctx, String(ctx.param('functionCode') ?? 'return items;')) } };
};

export const functionItem: NodeMapper = (ctx) => {
  ctx.note('approximated', 'the legacy Function Item node runs once per item with `item` as its json');
  // Function Item code changes `item` and returns it; without a return the changed item is the result.
  return { type: 'code', config: { code: eachItem(ctx, String(ctx.param('functionCode') ?? 'return item;'), true) } };
};
