import { nodeTypes } from '../../../nodes/registry.js';
import type { MapContext, NodeMapper } from '../mapper-types.js';

/** Set / Edit Fields, Split Out, Loop Over Items, Wait, No-op, Stop and Error, Execute Workflow. */

const key = (name: string) => JSON.stringify(name);

function typed(ctx: MapContext, value: unknown, type: unknown, path: string): string {
  if (typeof value === 'string' && value.startsWith('=')) return ctx.js(value, path);
  if (type === 'number' && typeof value === 'string') return String(Number(value));
  if (type === 'boolean' && typeof value === 'string') return String(value === 'true');
  if ((type === 'object' || type === 'array') && typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value));
    } catch {
      return JSON.stringify(value);
    }
  }
  return JSON.stringify(value ?? null);
}

export const set: NodeMapper = (ctx) => {
  const fields: string[] = [];
  let keepOthers: boolean;
  if (ctx.node.typeVersion >= 3) {
    if (ctx.param('mode') === 'raw') {
      const raw = ctx.param('jsonOutput');
      const js =
        typeof raw === 'string' && !raw.startsWith('=')
          ? (() => {
              try {
                return JSON.stringify(JSON.parse(raw));
              } catch {
                return JSON.stringify(raw);
              }
            })()
          : // n8n renders the JSON text, then parses it: a value that renders to text is parsed here too.
            `((v) => (typeof v === 'string' ? JSON.parse(v) : v))(${ctx.js(raw, 'jsonOutput')})`;
      const keep = ctx.param('includeOtherFields') === true;
      return { type: 'code', config: { code: `// Imported from n8n: Edit Fields (JSON).\nreturn ${keep ? `{ ...${ctx.inputRoot}, ...${js} }` : js};` } };
    }
    const list = ctx.param('assignments.assignments');
    (Array.isArray(list) ? (list as Array<Record<string, unknown>>) : []).forEach((a, i) => fields.push(`  ${key(String(a.name ?? ''))}: ${typed(ctx, a.value, a.type, `assignments[${i}]`)},`));
    const include = ctx.param('include');
    keepOthers = ctx.param('includeOtherFields') === true || include === 'all';
    if (include === 'selected' || include === 'except') ctx.note('approximated', `"${String(include)}" other fields became all other fields`);
  } else {
    const values = (ctx.param('values') ?? {}) as Record<string, unknown>;
    for (const kind of ['string', 'number', 'boolean']) {
      const list = Array.isArray(values[kind]) ? (values[kind] as Array<Record<string, unknown>>) : [];
      list.forEach((v, i) => fields.push(`  ${key(String(v.name ?? ''))}: ${typed(ctx, v.value, kind, `values.${kind}[${i}]`)},`));
    }
    keepOthers = ctx.param('keepOnlySet') !== true;
  }
  if (fields.some((f) => /^ {2}"[^"]*\.[^"]*":/.test(f))) ctx.note('approximated', 'names with dots are set as flat keys, not nested paths');
  const spread = keepOthers ? [`  ...${ctx.inputRoot},`] : [];
  return { type: 'code', config: { code: ['// Imported from n8n: Set / Edit Fields.', 'return {', ...spread, ...fields, '};'].join('\n') } };
};

export const splitOut: NodeMapper = (ctx) => {
  const field =
    String(ctx.param('fieldToSplitOut') ?? '')
      .split(',')[0]
      ?.trim() ?? '';
  if (String(ctx.param('fieldToSplitOut') ?? '').includes(',')) ctx.note('approximated', 'only the first field to split out is used');
  const path =
    field === ''
      ? ctx.inputRoot
      : `${ctx.inputRoot}${field
          .split('.')
          .map((s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
          .join('')}`;
  ctx.note('approximated', 'the steps after Split Out run once per item inside a loop ("Each item"); the loop\'s "Done" output has the collected results');
  return { type: 'loop', config: { items: `{{ ${path} }}` }, handle: (i) => (i === 0 ? 'item' : undefined), loopsBack: true };
};

export const splitInBatches: NodeMapper = (ctx) => {
  const size = ctx.param('batchSize') ?? ctx.param('options.batchSize');
  if (typeof size === 'number' && size > 1) ctx.note('approximated', `batches of ${size} became one item at a time (concurrency 1)`);
  ctx.note('approximated', 'the loop-back connection is implicit here: the steps on "Each item" run once per item, then "Done" continues');
  const v3 = ctx.node.typeVersion >= 3;
  return {
    type: 'loop',
    config: { items: `{{ [].concat(${ctx.inputRoot} ?? []) }}` },
    handle: (i) => (v3 ? (i === 0 ? 'done' : i === 1 ? 'item' : undefined) : i === 0 ? 'item' : i === 1 ? 'done' : undefined),
    loopsBack: true,
  };
};

const UNITS: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

export const wait: NodeMapper = (ctx) => {
  const resume = String(ctx.param('resume') ?? 'timeInterval');
  if (resume === 'specificTime') return { type: 'delay', config: { mode: 'until', until: ctx.text(ctx.param('dateTime') ?? '', 'dateTime') } };
  if (resume === 'webhook' || resume === 'form') {
    if ('wait' in nodeTypes) {
      ctx.note('approximated', 'resumes when its resumeUrl is called (n8n: $execution.resumeUrl)');
      return { type: 'wait', config: {} };
    }
    return placeholder(ctx, `Wait (resume on ${resume})`);
  }
  const amount = Number(ctx.param('amount') ?? 1);
  const unit = String(ctx.param('unit') ?? 'hours');
  const ms = Math.round((Number.isFinite(amount) ? amount : 1) * (UNITS[unit] ?? 3_600_000));
  return { type: 'delay', config: { mode: 'duration', duration: Math.max(1, ms) } };
};

export const noOp: NodeMapper = () => ({ type: 'code', config: { code: 'return input;' } });

export const stopAndError: NodeMapper = (ctx) => {
  const message =
    ctx.param('errorType') === 'errorObject'
      ? `JSON.stringify(${ctx.js(ctx.param('errorObject') ?? '{}', 'errorObject')})`
      : `String(${ctx.js(ctx.param('errorMessage') ?? 'Stopped', 'errorMessage')})`;
  return { type: 'code', config: { code: `// Imported from n8n: Stop and Error.\nthrow new Error(${message});` } };
};

export const executeWorkflow: NodeMapper = (ctx) => {
  const raw = ctx.param('workflowId');
  const id = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw;
  const source = String(ctx.param('source') ?? 'database');
  ctx.note(
    'manual',
    source === 'database'
      ? `import the called n8n workflow (id ${String(id ?? '?')}) too, then pick it in this step`
      : `the called workflow came from "${source}" in n8n: import it and pick it in this step`,
  );
  const waits = ctx.param('options.waitForSubWorkflow') !== false;
  return { type: 'subworkflow', config: { workflowId: `n8n:${String(id ?? 'unknown')}`, input: `{{ ${ctx.inputRoot} }}`, mode: waits ? 'wait' : 'fireAndForget' } };
};

/** A step that fails with "not imported: <type>", so the run stops visibly where the n8n node stood. */
export function placeholder(ctx: MapContext, what: string): { type: string; config: Record<string, unknown> } {
  ctx.note('manual', `"${what}" has no Switchyard equivalent: a step that fails with "not imported: ${ctx.node.type}" stands in`);
  const params = JSON.stringify(ctx.node.parameters, null, 2).replace(/\*\//g, '* /');
  return {
    type: 'code',
    config: {
      code: `// n8n node "${ctx.node.name.replace(/\n/g, ' ')}" (${ctx.node.type} v${ctx.node.typeVersion}), parameters:\n/*\n${params}\n*/\nthrow new Error(${JSON.stringify(`not imported: ${ctx.node.type}`)});`,
    },
  };
}
