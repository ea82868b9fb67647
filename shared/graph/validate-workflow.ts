import type { z } from 'zod';
import type { ValidationIssue } from '../errors.js';
import type { NodeTypeRegistry } from '../nodes/registry.js';
import { nodeTypes } from '../nodes/registry.js';
import { ERROR_OUTPUT, nodeOutputs } from '../nodes/define-node-type.js';
import { loopNode } from '../nodes/loop.node.js';
import { edgeOutput, indexGraph, nodesOnCycles, reachableFrom } from './graph-index.js';
import { loopBoundaryIssues } from './frames.js';
import { collectTemplateFields, parseTemplate } from './templates.js';
import { workflowDefinitionSchema, type WorkflowDefinition } from './workflow-schema.js';

const ERROR_OUTPUT_DESCRIPTOR = { id: ERROR_OUTPUT, label: 'On error' };

/** Checks one expression's syntax; returns a message when it is wrong. Injected so the editor and server can use a real parser. */
export type ExpressionChecker = (expr: string) => string | undefined;

/**
 * Wraps the checks of one node's own config (schema and templates), which depend only on its
 * type and config: the editor passes a memo so an edit re-checks only the nodes it changed.
 */
export type NodeIssuesMemo = (node: WorkflowDefinition['nodes'][number], check: () => WorkflowIssue[]) => WorkflowIssue[];

export interface ValidateOptions {
  registry?: NodeTypeRegistry;
  checkExpression?: ExpressionChecker;
  nodeIssues?: NodeIssuesMemo;
}

/** An issue with a severity: errors refuse a save, warnings are shown only. */
export interface WorkflowIssue extends ValidationIssue {
  severity: 'error' | 'warning';
}

export type ValidationResult = { ok: true; workflow: WorkflowDefinition; issues: WorkflowIssue[] } | { ok: false; workflow?: WorkflowDefinition; issues: WorkflowIssue[] };

const joinPath = (segments: readonly PropertyKey[]): string => segments.reduce<string>((acc, s) => (typeof s === 'number' ? `${acc}[${s}]` : acc ? `${acc}.${String(s)}` : String(s)), '');

function zodIssues(error: z.ZodError, base: string, nodeId?: string): WorkflowIssue[] {
  return error.issues.map((i) => ({
    ...(nodeId ? { nodeId } : {}),
    path: joinPath([...(base ? [base] : []), ...i.path]),
    message: i.message,
    severity: 'error' as const,
  }));
}

/** Unclosed `{{` and empty or unparsable expressions in every templated string of a config. */
function templateIssues(nodeId: string, config: unknown, check?: ExpressionChecker): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  for (const field of collectTemplateFields(config, 'config')) {
    for (const part of parseTemplate(field.source)) {
      if ('text' in part) {
        if (part.text.includes('{{')) issues.push({ nodeId, path: field.path, message: 'A "{{" has no matching "}}".', severity: 'error' });
        continue;
      }
      if (part.expr === '') {
        issues.push({ nodeId, path: field.path, message: 'An expression is empty: write something between {{ and }}.', severity: 'error' });
        continue;
      }
      const problem = check?.(part.expr);
      if (problem) issues.push({ nodeId, path: field.path, message: `{{ ${part.expr} }}: ${problem}`, severity: 'error' });
    }
  }
  return issues;
}

/**
 * The one validation of a workflow, run in the editor, on save and before every run. Pure:
 * it returns issues a person can act on instead of throwing.
 */
export function validateWorkflow(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const registry: NodeTypeRegistry = options.registry ?? nodeTypes;
  const typeOf = (type: string) => (Object.prototype.hasOwnProperty.call(registry, type) ? registry[type] : undefined);
  const parsed = workflowDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, '') };
  const wf = parsed.data;
  const issues: WorkflowIssue[] = [];
  const error = (issue: Omit<WorkflowIssue, 'severity'>) => issues.push({ ...issue, severity: 'error' });

  const seenNodes = new Set<string>();
  wf.nodes.forEach((n, i) => {
    if (seenNodes.has(n.id)) error({ nodeId: n.id, path: `nodes[${i}].id`, message: `Two nodes share the id "${n.id}".` });
    seenNodes.add(n.id);
    const type = typeOf(n.type);
    if (!type) {
      error({ nodeId: n.id, path: `nodes[${i}].type`, message: `Unknown node type "${n.type}".` });
      return;
    }
    const check = (): WorkflowIssue[] => {
      const config = type.configSchema.safeParse(n.config);
      return [...(config.success ? [] : zodIssues(config.error, 'config', n.id)), ...templateIssues(n.id, n.config, options.checkExpression)];
    };
    issues.push(...(options.nodeIssues ? options.nodeIssues(n, check) : check()));
  });
  // The first node of an id, as a linear search would find it (shared ids are already an error).
  const nodeById = new Map<string, (typeof wf.nodes)[number]>();
  for (const n of wf.nodes) if (!nodeById.has(n.id)) nodeById.set(n.id, n);

  const triggers = wf.nodes.filter((n) => typeOf(n.type)?.kind === 'trigger');
  if (triggers.length === 0) error({ path: 'nodes', message: 'Add a trigger: every workflow starts with exactly one.' });
  for (const extra of triggers.slice(1)) {
    error({ nodeId: extra.id, path: 'nodes', message: 'A workflow has exactly one trigger; remove this one or the other.' });
  }

  const seenEdges = new Set<string>();
  const seenLinks = new Set<string>();
  wf.edges.forEach((e, i) => {
    const at = `edges[${i}]`;
    if (seenEdges.has(e.id)) error({ edgeId: e.id, path: `${at}.id`, message: `Two edges share the id "${e.id}".` });
    seenEdges.add(e.id);
    const source = nodeById.get(e.source);
    const target = nodeById.get(e.target);
    if (!source) error({ edgeId: e.id, path: `${at}.source`, message: `The edge starts at "${e.source}", which is not a node.` });
    if (!target) error({ edgeId: e.id, path: `${at}.target`, message: `The edge ends at "${e.target}", which is not a node.` });
    if (!source || !target) return;
    if (e.source === e.target) error({ edgeId: e.id, path: at, message: 'A node cannot connect to itself.' });
    if (typeOf(target.type)?.kind === 'trigger') {
      error({ edgeId: e.id, path: `${at}.target`, message: 'Nothing can connect into a trigger.' });
    }
    const sourceType = typeOf(source.type);
    const outputs = sourceType ? [...nodeOutputs(sourceType, source.config), ...(source.onFailure === 'branch' ? [ERROR_OUTPUT_DESCRIPTOR] : [])] : [];
    const handle = edgeOutput(e);
    if (outputs.length && !outputs.some((o) => o.id === handle)) {
      const names = outputs.map((o) => `"${o.id}"`).join(', ');
      error({ edgeId: e.id, path: `${at}.sourceHandle`, message: `"${source.id}" has no output "${handle}"; use one of ${names}.` });
    }
    const link = `${e.source}:${handle}->${e.target}`;
    if (seenLinks.has(link)) error({ edgeId: e.id, path: at, message: 'These two nodes are already connected this way.' });
    seenLinks.add(link);
  });

  const graph = indexGraph(wf);
  const cyclic = nodesOnCycles(graph);
  if (cyclic.length) {
    for (const id of cyclic) error({ nodeId: id, path: 'edges', message: 'This node is on a cycle; runs must flow one way. Remove an edge of the loop.' });
  }
  if (!cyclic.length) {
    const loops = wf.nodes.filter((n) => n.type === loopNode.type).map((n) => n.id);
    for (const issue of loopBoundaryIssues(wf, loops)) error({ edgeId: issue.edgeId, path: 'edges', message: issue.message });
  }
  const trigger = triggers[0];
  if (trigger && !cyclic.length) {
    const reachable = reachableFrom(graph, trigger.id);
    for (const n of wf.nodes) {
      if (!reachable.has(n.id) && typeOf(n.type)?.kind !== 'trigger') {
        issues.push({ nodeId: n.id, path: 'edges', message: 'Not connected to the trigger, so it never runs.', severity: 'warning' });
      }
    }
  }

  const ok = !issues.some((i) => i.severity === 'error');
  return ok ? { ok: true, workflow: wf, issues } : { ok: false, workflow: wf, issues };
}
