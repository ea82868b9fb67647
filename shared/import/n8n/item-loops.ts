import type { WorkflowEdge, WorkflowNode } from '../../graph/workflow-schema.js';
import { LOOP_ITEM_OUTPUT } from '../../nodes/loop.node.js';
import type { Link } from './graph.js';
import { assignIds } from './ids.js';
import { byFieldJoin, n8nMergeMode } from './merge-modes.js';
import type { N8nNode } from './n8n-export-schema.js';
import { isPagedHttp } from './pagination.js';
import type { NodeReport } from './report.js';

/**
 * n8n's item model made explicit. n8n runs most nodes once per item of their input; a
 * Switchyard step runs once on one value. Where a node may emit several items (Merge in append
 * mode or by fields, Code or Function "once for all items" that may return several, a paginated HTTP Request (one item per page), and the nodes that pass
 * those on unchanged) and the next node is one n8n runs per item, the import puts a loop between
 * them, so that node and the ones after it run once per item, as in n8n. A node that emits one
 * item gets no loop.
 */

const base = (type: string) => type.replace(/^n8n-nodes-base\./, '');

/** Nodes that take a whole list of items at once (or pass it on): they never need a loop before them. */
const LIST_AWARE = new Set(['code', 'function', 'functionItem', 'merge', 'splitOut', 'splitInBatches', 'respondToWebhook', 'noOp', 'wait', 'stickyNote']);
/** Nodes whose output is their input: several items in, several out. */
const PASS_ON = new Set(['noOp', 'wait']);

/** A single returned item: `return [{ json: … }]`, `return { … }`, `return $input.item` / `.first()`. */
const SINGLE_RETURN = [/^\[\s*\{[^[\]]*\}\s*\]$/, /^\{/, /^\$input\.(?:item|first\(\s*\))$/, /^items\[0\]$/];

/** True when code run "once for all items" may return several items (every `return` not plainly one item). */
export function mayReturnSeveral(source: string): boolean {
  const returns = [...source.matchAll(/\breturn\b([^;\n]*)/g)].map((m) => (m[1] ?? '').trim());
  if (!returns.length) return false;
  return !returns.every((r) => SINGLE_RETURN.some((p) => p.test(r)));
}

/** What the model knows about each node, by id. */
export interface ItemModel {
  /** For a node that may emit several n8n items: JavaScript giving the list of their jsons. */
  listOf: ReadonlyMap<string, string>;
  /** Nodes n8n runs once per item of a several-items input, with the node whose items they take. */
  looped: ReadonlyMap<string, string>;
}

export interface ItemModelInput {
  steps: readonly N8nNode[];
  idOf: ReadonlyMap<string, string>;
  links: readonly Link[];
  isTrigger: (n: N8nNode) => boolean;
  /** What `$('Name').item.json` reads (`steps.<id>`, `.body` for HTTP), by n8n name. */
  rootOfName: (name: string) => string | undefined;
}

/** `steps.a.body` -> `steps.a?.body`: a branch that did not run gives no items instead of an error. */
const optional = (root: string) => root.replace(/^(steps\.[A-Za-z_$][\w$]*)\./, '$1?.');

/** Works out, from the n8n graph alone, which nodes may emit several items and which run per item. */
export function itemModel({ steps, idOf, links, isTrigger, rootOfName }: ItemModelInput): ItemModel {
  const byId = new Map(steps.map((n) => [idOf.get(n.name) ?? '', n]));
  const inputsOf = (id: string) => links.filter((l) => l.target === id).sort((a, b) => a.input - b.input);
  const listOf = new Map<string, string>();
  const done = new Set<string>();
  const visit = (id: string, depth: number): string | undefined => {
    if (done.has(id) || depth > 100) return listOf.get(id);
    done.add(id);
    const n = byId.get(id);
    if (!n || isTrigger(n)) return undefined;
    const first = inputsOf(id)[0];
    const upstream = first ? visit(first.source, depth + 1) : undefined;
    const t = base(n.type);
    const own = `[].concat(steps.${id} ?? [])`;
    let list: string | undefined;
    if (n.disabled || PASS_ON.has(t)) list = upstream;
    else if (t === 'httpRequest' && isPagedHttp(n)) list = `[].concat(steps.${id}?.items ?? [])`;
    else if (t === 'functionItem' || (t === 'code' && n.parameters.mode === 'runOnceForEachItem')) list = upstream ? own : undefined;
    else if (t === 'merge' && byFieldJoin(n8nMergeMode(n))) list = own;
    else if (t === 'merge' && n8nMergeMode(n).kind === 'append') {
      const roots = inputsOf(id).map((l) => {
        const name = byId.get(l.source)?.name ?? '';
        return `${optional(rootOfName(name) ?? 'undefined')} ?? []`;
      });
      for (const l of inputsOf(id)) visit(l.source, depth + 1);
      list = `[].concat(${roots.join(', ')})`;
    } else if ((t === 'code' && (n.parameters.language ?? 'javaScript') === 'javaScript') || t === 'function') {
      list = mayReturnSeveral(String(n.parameters.jsCode ?? n.parameters.functionCode ?? 'return items;')) ? own : undefined;
    }
    if (list !== undefined) listOf.set(id, list);
    return list;
  };
  for (const id of byId.keys()) visit(id, 0);
  const looped = new Map<string, string>();
  for (const [id, n] of byId) {
    if (isTrigger(n) || n.disabled || LIST_AWARE.has(base(n.type))) continue;
    const first = inputsOf(id)[0];
    if (first && listOf.has(first.source)) looped.set(id, first.source);
  }
  return { listOf, looped };
}

/**
 * Puts a loop on each edge from a several-items node into a node that runs per item: one loop
 * per source output, its "Each item" output feeding every such node. Returns the added reports.
 */
export function insertItemLoops(
  nodes: WorkflowNode[],
  edges: WorkflowEdge[],
  model: ItemModel,
  nameOf: (id: string) => string,
): { nodes: WorkflowNode[]; edges: WorkflowEdge[]; reports: NodeReport[] } {
  const loops = new Map<string, WorkflowNode>();
  const reports: NodeReport[] = [];
  const taken = new Set(nodes.map((n) => n.id));
  const out: WorkflowEdge[] = [];
  for (const e of edges) {
    const list = model.listOf.get(e.source);
    if (model.looped.get(e.target) !== e.source || list === undefined) {
      out.push(e);
      continue;
    }
    const key = `${e.source}:${e.sourceHandle ?? ''}`;
    let loop = loops.get(key);
    if (!loop) {
      const id = assignIds([`${e.source} each item${e.sourceHandle ? ` ${e.sourceHandle}` : ''}`], taken)[0] ?? `${e.source}_each_item`;
      taken.add(id);
      const from = nodes.find((n) => n.id === e.source);
      const to = nodes.find((n) => n.id === e.target);
      const position = { x: Math.round(((from?.position.x ?? 0) + (to?.position.x ?? 0)) / 2), y: Math.round(((from?.position.y ?? 0) + (to?.position.y ?? 0)) / 2) + 80 };
      loop = { id, type: 'loop', position, label: `Each item of ${nameOf(e.source)}`.slice(0, 200), config: { items: `{{ ${list} }}`, concurrency: 1 } };
      loops.set(key, loop);
      out.push({ id: `${e.source}-${e.sourceHandle ?? 'out'}-${id}`, source: e.source, target: id, ...(e.sourceHandle !== undefined ? { sourceHandle: e.sourceHandle } : {}) });
      reports.push({
        n8nName: '(none)',
        n8nType: '(added)',
        nodeId: id,
        switchyardType: 'loop',
        fidelity: 'exact',
        notes: [`"${nameOf(e.source)}" may emit several items and n8n runs the nodes after it once per item: this loop does the same`],
      });
    }
    out.push({ id: `${loop.id}-${LOOP_ITEM_OUTPUT}-${e.target}`, source: loop.id, sourceHandle: LOOP_ITEM_OUTPUT, target: e.target });
  }
  return { nodes: [...nodes, ...loops.values()], edges: out, reports };
}
