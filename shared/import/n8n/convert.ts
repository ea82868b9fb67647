import type { ValidationIssue } from '../../errors.js';
import { checkExpressionSyntax } from '../../graph/expression-syntax.js';
import { validateWorkflow } from '../../graph/validate-workflow.js';
import type { WorkflowDefinition, WorkflowNode, WorkflowNote } from '../../graph/workflow-schema.js';
import { getNodeType } from '../../nodes/registry.js';
import type { ExpressionScope } from './expressions.js';
import { edgesOf, linksOf, withoutCycles } from './graph.js';
import { assignIds } from './ids.js';
import { dataRoots } from './data-roots.js';
import { insertItemLoops } from './item-loops.js';
import { addRespondAfterLastNode } from './last-node-respond.js';
import { makeContext } from './context.js';
import type { MapContext, MappedNode } from './mapper-types.js';
import { placeholder } from './mappers/data.js';
import { mapperFor } from './mappers/index.js';
import { n8nWorkflowSchema, type N8nNode } from './n8n-export-schema.js';
import { summarize, type CredentialToCreate, type ImportReport, type NodeReport } from './report.js';

export type N8nImportResult = { ok: true; workflow: WorkflowDefinition; report: ImportReport } | { ok: false; issues: ValidationIssue[] };

const STICKY = 'n8n-nodes-base.stickyNote';

const clamp = (n: unknown, fallback: number) => (typeof n === 'number' && Number.isFinite(n) ? Math.min(4000, Math.max(40, n)) : fallback);

/** An n8n sticky note as a Switchyard canvas note. */
const stickyNote = (s: N8nNode, i: number): WorkflowNote => ({
  id: `note_${i + 1}`,
  position: { x: s.position[0], y: s.position[1] },
  text: String(s.parameters.content ?? '').slice(0, 10_000),
  width: clamp(s.parameters.width, 240),
  height: clamp(s.parameters.height, 160),
});

/** One node: its mapper, a placeholder for an unknown type, or a pass-through for a disabled node. */
function mapOne(ctx: MapContext): MappedNode {
  const n = ctx.node;
  if (n.disabled) {
    ctx.note('approximated', 'disabled in n8n: it passes its input through here');
    return { type: 'code', config: { code: `// "${n.name.replace(/\n/g, ' ')}" was disabled in n8n: it passes its input through.\nreturn input;` } };
  }
  const mapper = mapperFor(n.type);
  return mapper ? mapper(ctx) : placeholder(ctx, n.type);
}

/**
 * Converts one n8n workflow export into a Switchyard workflow and a report of what changed.
 * Pure and deterministic: the same export always gives the same workflow, ids included.
 * Refuses only input that is not an n8n export; everything else converts, with the report
 * saying what needs a person's hand (and `report.issues` what would refuse a save).
 */
export function convertN8nWorkflow(input: unknown): N8nImportResult {
  const parsed = n8nWorkflowSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'body', message: `Not an n8n workflow export: ${i.message}` })) };
  }
  const wf = parsed.data;
  const dropped: string[] = [];
  if (wf.pinData !== undefined && wf.pinData !== null && Object.keys(wf.pinData as object).length) dropped.push('pinData (test data pinned in the n8n editor)');

  const stickies = wf.nodes.filter((n) => n.type === STICKY);
  const steps = wf.nodes.filter((n) => n.type !== STICKY);
  const seenNames = new Set<string>();
  for (const n of steps) {
    if (seenNames.has(n.name)) return { ok: false, issues: [{ path: 'nodes', message: `Two nodes are named "${n.name}"; n8n exports name each node once.` }] };
    seenNames.add(n.name);
  }
  const ids = assignIds(steps.map((n) => n.name));
  const idOf = new Map(steps.map((n, i) => [n.name, ids[i] ?? '']));
  const links = linksOf(wf, idOf, dropped);

  const { firstTrigger, nameOfId, items, rootOfName, inputRootOf, allInputsOf, outputRootOf } = dataRoots({ steps, idOf, links });

  const workflowName = (wf.name ?? 'Imported from n8n').trim().slice(0, 200) || 'Imported from n8n';
  const credentials = new Map<string, CredentialToCreate>();
  const expressions: ImportReport['expressions'] = [];
  const reports: NodeReport[] = [];
  const nodes: WorkflowNode[] = [];
  const mappedById = new Map<string, MappedNode>();

  for (const n of steps) {
    const id = idOf.get(n.name) ?? '';
    const report: NodeReport = { n8nName: n.name, n8nType: n.type, nodeId: id, fidelity: 'exact', notes: [] };
    const all = allInputsOf(id);
    const scope: ExpressionScope = { inputRoot: inputRootOf(id), nodeRoot: rootOfName, workflowName, ...(all !== undefined ? { allInputs: all } : {}) };
    const inputSuffixAt = (index: number) => {
      const link = links.find((l) => l.target === id && l.input === index);
      return link ? outputRootOf(link.source).replace(/^input/, '') : undefined;
    };
    const ctx = { ...makeContext({ node: n, id, scope, report, credentials, expressions }), inputSuffixAt };
    const note = ctx.note;
    const mapped = mapOne(ctx);
    const looped = items.looped.get(id);
    if (looped !== undefined) note('exact', `runs once per item of "${nameOfId.get(looped) ?? looped}", inside the loop added before it (as n8n runs it per item)`);
    if (n.notes) note('approximated', `its n8n note was not kept: "${n.notes.slice(0, 200)}"`);
    mappedById.set(id, mapped);
    report.switchyardType = mapped.type;
    reports.push(report);
    nodes.push({ id, type: mapped.type, position: { x: n.position[0], y: n.position[1] }, label: n.name.slice(0, 200), config: mapped.config });
  }

  // One trigger: the first; others become placeholders. None: a manual trigger before the roots.
  const triggerIds = nodes.filter((n) => getNodeType(n.type)?.kind === 'trigger').map((n) => n.id);
  for (const extra of triggerIds.slice(1)) {
    const r = reports.find((x) => x.nodeId === extra);
    const node = nodes.find((x) => x.id === extra);
    if (!r || !node) continue;
    r.fidelity = 'manual';
    r.notes.push('a Switchyard workflow has one trigger: import this branch as its own workflow');
    node.type = 'code';
    node.config = { code: `throw new Error(${JSON.stringify(`not imported: a second trigger (${r.n8nType})`)});` };
  }

  // A second trigger never runs: edges from it would hold the steps after it back.
  const liveLinks = links.filter((l) => {
    if (!triggerIds.slice(1).includes(l.source)) return true;
    dropped.push(`the connection "${nameOfId.get(l.source) ?? l.source}" -> "${nameOfId.get(l.target) ?? l.target}" (from a trigger that is not kept)`);
    return false;
  });
  const edges = edgesOf(liveLinks, { mappedById, triggerIds, nameOf: (id) => nameOfId.get(id) ?? id }, dropped);

  if (triggerIds.length === 0) {
    const id = assignIds(['Manual trigger'], new Set(nodes.map((n) => n.id)))[0] ?? 'manual_trigger';
    const roots = nodes.filter((n) => !edges.some((e) => e.target === n.id));
    const x = Math.min(...nodes.map((n) => n.position.x), 0) - 250;
    nodes.unshift({ id, type: 'manual', position: { x, y: roots[0]?.position.y ?? 0 }, label: 'Manual trigger', config: { samplePayload: {} } });
    for (const r of roots) edges.push({ id: `${id}-out-${r.id}`, source: id, target: r.id });
    reports.push({
      n8nName: '(none)',
      n8nType: '(added)',
      nodeId: id,
      switchyardType: 'manual',
      fidelity: 'approximated',
      notes: ['the n8n workflow had no trigger; a manual trigger starts the steps that had no input'],
    });
  }

  const order = [...nodes].sort((a, b) => Number(getNodeType(b.type)?.kind === 'trigger') - Number(getNodeType(a.type)?.kind === 'trigger')).map((n) => n.id);
  const { kept, dropped: back } = withoutCycles(order, edges);
  for (const e of back) {
    const loop = mappedById.get(e.target)?.loopsBack;
    dropped.push(
      `the connection "${nameOfId.get(e.source) ?? e.source}" -> "${nameOfId.get(e.target) ?? e.target}"${loop ? " (n8n's loop-back: Switchyard loops run each item by themselves)" : ' (it closed a cycle)'}`,
    );
  }

  const withLoops = insertItemLoops(nodes, kept, items, (id) => nameOfId.get(id) ?? id);
  reports.push(...withLoops.reports);
  const triggerId = firstTrigger ? (idOf.get(firstTrigger.name) ?? '') : '';
  addRespondAfterLastNode({ trigger: firstTrigger, triggerId, nodes: withLoops.nodes, edges: withLoops.edges, reports, outputRootOf });

  const notes = stickies.map(stickyNote);
  for (const s of stickies) reports.push({ n8nName: s.name, n8nType: s.type, fidelity: 'exact', notes: ['kept as a sticky note'] });

  const definition = {
    name: workflowName,
    description: 'Imported from n8n.',
    nodes: withLoops.nodes,
    edges: withLoops.edges,
    ...(notes.length ? { notes } : {}),
  };
  const validation = validateWorkflow(definition, { checkExpression: checkExpressionSyntax });
  const report = summarize({
    workflowName: definition.name,
    nodes: reports,
    credentials: [...credentials.values()],
    expressions,
    dropped,
    issues: validation.issues,
  });
  const workflow = validation.workflow ?? (definition as WorkflowDefinition);
  return { ok: true, workflow, report };
}
