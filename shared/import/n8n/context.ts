import { n8nValueToJs } from './js-values.js';
import { translateString, type ExpressionScope } from './expressions.js';
import { slugId } from './ids.js';
import { LUXON_LEFTOVER, rewriteLuxon } from './luxon.js';
import type { Fidelity, MapContext } from './mapper-types.js';
import type { N8nNode } from './n8n-export-schema.js';
import { worse, type CredentialToCreate, type ImportReport, type NodeReport } from './report.js';

const paramAt = (params: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' && Object.hasOwn(v, k) ? (v as Record<string, unknown>)[k] : undefined), params);

/** n8n variables with no Switchyard equivalent, looked for in code (`$execution.id` has one: `run.id`). */
const UNSUPPORTED_IN_CODE = /\$(execution(?!\s*\??\.\s*id\b)|workflow|runIndex|itemIndex|prevNode|binary|position|jmespath|evaluateExpression|getWorkflowStaticData)\b/g;

export interface ContextParts {
  node: N8nNode;
  id: string;
  scope: ExpressionScope;
  /** This node's report entry, filled in as the mapper notes things. */
  report: NodeReport;
  /** Credentials to create, by key, shared by all nodes. */
  credentials: Map<string, CredentialToCreate>;
  expressions: ImportReport['expressions'];
}

/** The helpers a mapper gets for one node; everything they translate or lower is recorded in the report. */
export function makeContext({ node: n, id, scope, report, credentials, expressions }: ContextParts): MapContext {
  const note = (fidelity: Fidelity, text: string) => {
    report.fidelity = worse(report.fidelity, fidelity);
    if (!report.notes.includes(text)) report.notes.push(text);
  };
  const untranslated = (path: string, list: string[]) => {
    for (const u of list) {
      expressions.push({ nodeId: id, path, note: u });
      note('manual', `an expression in "${path}" keeps ${u}`);
    }
  };
  const n8nCredentialNames = Object.entries(n.credentials ?? {}).map(([type, c]) => `${c.name || type} (${type})`);
  return {
    node: n,
    id,
    inputRoot: scope.inputRoot,
    ...(scope.allInputs !== undefined ? { allInputs: scope.allInputs } : {}),
    nodeRoot: scope.nodeRoot,
    param: (path) => paramAt(n.parameters, path),
    text: (value, path) => {
      if (typeof value !== 'string') return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
      const t = translateString(value, scope);
      untranslated(path, t.untranslated);
      return t.value;
    },
    js: (value, path) => {
      const t = n8nValueToJs(value, scope);
      untranslated(path, t.untranslated);
      return t.js;
    },
    code: (source, path) => {
      const out = rewriteLuxon(source);
      if (LUXON_LEFTOVER.test(out)) untranslated(path, ['a Luxon call without a dayjs equivalent here']);
      for (const m of new Set([...out.matchAll(UNSUPPORTED_IN_CODE)].map((x) => x[0]))) untranslated(path, [`${m} (no Switchyard equivalent)`]);
      return out;
    },
    credential: (type, why) => {
      const n8nName = Object.values(n.credentials ?? {})[0]?.name ?? '';
      const key = `${type.replace(/[^A-Za-z0-9]/g, '_')}${n8nName ? `_${slugId(n8nName)}` : ''}`.replace(/^[^A-Za-z]+/, 'c_');
      const entry = credentials.get(key) ?? { key, type, why, nodeIds: [], n8nCredentials: [] };
      if (!entry.nodeIds.includes(id)) entry.nodeIds.push(id);
      for (const c of n8nCredentialNames) if (!entry.n8nCredentials.includes(c)) entry.n8nCredentials.push(c);
      credentials.set(key, entry);
      return `[[credentials.${key}]]`;
    },
    note,
  };
}
