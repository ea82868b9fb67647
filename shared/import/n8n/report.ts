import type { WorkflowIssue } from '../../graph/validate-workflow.js';
import { fidelities, type Fidelity } from './mapper-types.js';

/** What became of one n8n node. */
export interface NodeReport {
  n8nName: string;
  n8nType: string;
  /** The Switchyard node it became (absent for sticky notes and dropped nodes). */
  nodeId?: string;
  switchyardType?: string;
  fidelity: Fidelity;
  /** How it was approximated, or what needs a person's hand. */
  notes: string[];
}

/** A credential to create: n8n exports never hold secrets. `[[credentials.<key>]]` marks where it goes. */
export interface CredentialToCreate {
  key: string;
  type: string;
  why: string;
  nodeIds: string[];
  /** The n8n credentials (by name) it replaces. */
  n8nCredentials: string[];
  /** The credential chosen for it, when the request named one. */
  credentialId?: string;
}

export interface ImportReport {
  workflowName: string;
  summary: Record<Fidelity, number> & { nodes: number; credentials: number };
  nodes: NodeReport[];
  credentials: CredentialToCreate[];
  /** Expressions left as written (they fail when the step runs), by node and field. */
  expressions: Array<{ nodeId: string; path: string; note: string }>;
  /** Parts of the export that have no place in a Switchyard workflow (pinData, connections dropped). */
  dropped: string[];
  /** Validation issues of the resulting workflow (errors refuse a save). */
  issues: WorkflowIssue[];
}

export const worse = (a: Fidelity, b: Fidelity): Fidelity => (fidelities.indexOf(a) >= fidelities.indexOf(b) ? a : b);

export function summarize(report: Omit<ImportReport, 'summary'>): ImportReport {
  const summary = { exact: 0, approximated: 0, manual: 0, nodes: report.nodes.length, credentials: report.credentials.length };
  for (const n of report.nodes) summary[n.fidelity]++;
  return { ...report, summary };
}
