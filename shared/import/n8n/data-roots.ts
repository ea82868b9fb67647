import type { Link } from './graph.js';
import { itemModel, type ItemModel } from './item-loops.js';
import type { N8nNode } from './n8n-export-schema.js';
import { isPagedHttp } from './pagination.js';

/**
 * Where an n8n node's json sits in Switchyard's data, known before mapping: what `$json` reads
 * in each node, and what `$('Name').item.json` reads. Triggers, HTTP steps (`{status, headers,
 * body}`), pass-through nodes and the loops the import adds each differ.
 */

const PASS_THROUGH = new Set(['if', 'filter', 'switch', 'wait', 'noOp'].map((t) => `n8n-nodes-base.${t}`));

export interface DataRoots {
  isTrigger: (n: N8nNode) => boolean;
  firstTrigger: N8nNode | undefined;
  nameOfId: ReadonlyMap<string, string>;
  items: ItemModel;
  /** What `$('Name').item.json` reads: `trigger`, `steps.<id>`, `steps.<id>.body`; undefined for an unknown name. */
  rootOfName: (name: string) => string | undefined;
  /** What `$json` reads in the node with this id. */
  inputRootOf: (id: string) => string;
  /** What `$input.all()` reads where the input is several items (in a loop the import added, or taken at once), else undefined. */
  allInputsOf: (id: string) => string | undefined;
  /** What a step placed right after this node reads as its n8n json (`input`, `input.body`). */
  outputRootOf: (id: string) => string;
}

export function dataRoots({ steps, idOf, links }: { steps: readonly N8nNode[]; idOf: ReadonlyMap<string, string>; links: readonly Link[] }): DataRoots {
  const nodeByName = new Map(steps.map((n) => [n.name, n]));
  // What each node's json is read as, known before mapping: triggers and HTTP steps differ.
  const isTrigger = (n: N8nNode) => /trigger$/i.test(n.type) || n.type === 'n8n-nodes-base.webhook' || n.type === 'n8n-nodes-base.cron';
  const firstTrigger = steps.find(isTrigger);
  const isHttp = (n: N8nNode | undefined) => n?.type === 'n8n-nodes-base.httpRequest' && !n.disabled;
  const nameOfId = new Map(steps.map((n) => [idOf.get(n.name) ?? '', n.name]));
  const firstInput = (name: string): N8nNode | undefined => {
    const id = idOf.get(name);
    const first = links.filter((l) => l.target === id).sort((a, b) => a.input - b.input)[0];
    return first ? nodeByName.get(nameOfId.get(first.source) ?? '') : undefined;
  };
  // Where a node's n8n json sits in its Switchyard output: HTTP steps wrap it in {status, headers, body};
  // a paginated one lists its pages in `items`; IF, Filter, Switch, Wait, No-op and disabled nodes pass their input on, wrapped or not.
  const suffixOf = (n: N8nNode | undefined, depth = 0): string => {
    if (!n || depth > 50 || n === firstTrigger) return '';
    // A paginated HTTP step's n8n items are its `items` (page bodies); a single read takes the first.
    if (isHttp(n) && isPagedHttp(n)) return '.items[0]';
    if (isHttp(n)) return '.body';
    // Merge "choose branch": its output holds each input by step; n8n's output is the chosen input's.
    if (n.type === 'n8n-nodes-base.merge' && n.parameters.mode === 'chooseBranch' && !n.disabled) {
      const chosen = Number(n.parameters.useDataOfInput ?? 1) - 1;
      const link = links.find((l) => l.target === idOf.get(n.name) && l.input === chosen);
      const from = link ? nodeByName.get(nameOfId.get(link.source) ?? '') : undefined;
      return link && from ? `[${JSON.stringify(link.source)}]${suffixOf(from, depth + 1)}` : '';
    }
    return PASS_THROUGH.has(n.type) || n.disabled ? suffixOf(firstInput(n.name), depth + 1) : '';
  };
  // n8n's webhook item is {headers, query, body}, as Switchyard's `trigger`; the other triggers'
  // item is what Switchyard keeps as `trigger.body` (the run-now payload, the caller's input).
  const triggerRoot = firstTrigger?.type === 'n8n-nodes-base.webhook' ? 'trigger' : 'trigger.body';
  const rootOfName = (name: string): string | undefined => {
    const n = nodeByName.get(name);
    if (!n) return undefined;
    if (n === firstTrigger) return triggerRoot;
    return `steps.${idOf.get(name) ?? ''}${suffixOf(n)}`;
  };
  const items = itemModel({ steps, idOf, links, isTrigger, rootOfName });
  const inputRootOf = (id: string): string => {
    // Inside a loop the import adds, the input is one n8n item's json.
    if (items.looped.has(id)) return 'input';
    const prev = firstInput(nameOfId.get(id) ?? '');
    if (prev && prev === firstTrigger) return triggerRoot;
    // A node without input in n8n starts from one empty item: here the manual trigger's `{}`.
    if (!prev) return 'trigger.body';
    return `input${suffixOf(prev)}`;
  };
  // Every item a node takes at once: inside an added loop, the looped list; for a node that takes
  // several items itself (Code after a Merge in append mode), its input's items, flattened.
  const allInputsOf = (id: string): string | undefined => {
    const looped = items.looped.get(id);
    if (looped !== undefined) return items.listOf.get(looped);
    const prev = firstInput(nameOfId.get(id) ?? '');
    return prev ? items.listOf.get(idOf.get(prev.name) ?? '') : undefined;
  };
  const outputRootOf = (id: string) => `input${suffixOf(nodeByName.get(nameOfId.get(id) ?? ''))}`;
  return { isTrigger, firstTrigger, nameOfId, items, rootOfName, inputRootOf, allInputsOf, outputRootOf };
}
