import type { N8nNode } from './n8n-export-schema.js';

/** How faithful one node's mapping is, from best to worst. */
export const fidelities = ['exact', 'approximated', 'manual'] as const;
export type Fidelity = (typeof fidelities)[number];

/** What a mapper gets: the n8n node, its new id, and helpers that translate and record. */
export interface MapContext {
  node: N8nNode;
  id: string;
  /** A parameter by dotted path (`options.responseCode`), or undefined. */
  param: (path: string) => unknown;
  /** An n8n string parameter as a Switchyard template string; expressions are translated and recorded. */
  text: (value: unknown, path: string) => string;
  /** An n8n parameter as JavaScript source (for generated code): literal as JSON, expression as code. */
  js: (value: unknown, path: string) => string;
  /** Expressions inside code (Code, Function): Luxon and $env rewritten, leftovers recorded. */
  code: (source: string, path: string) => string;
  /** The placeholder standing for a credential to create, recorded for the report. */
  credential: (switchyardType: string, why: string) => string;
  /** Lowers the fidelity to at least `fidelity` and says why. */
  note: (fidelity: Fidelity, text: string) => void;
  /** The JavaScript that reads a node's json by n8n name (for generated code), or undefined. */
  nodeRoot: (name: string) => string | undefined;
  /** What `$json` reads in this node. */
  inputRoot: string;
  /** The list of every input item's json where the input is several items (after a Merge in append mode, say). */
  allInputs?: string;
  /** Where the n8n json of the node on input `index` sits in that node's output: `''`, `.body` (HTTP); undefined without one. */
  inputSuffixAt?: (index: number) => string | undefined;
}

/** A mapped node: its Switchyard type and config, and which handle each n8n output index becomes. */
export interface MappedNode {
  type: string;
  config: Record<string, unknown>;
  /** The source handle for n8n's output `index`; undefined drops edges from that output. Default: one output. */
  handle?: (index: number) => string | undefined;
  /** True when the step's output has the n8n json under `.body` (HTTP). */
  jsonUnderBody?: boolean;
  /** True for loop nodes: edges back into them (n8n's loop-back) are dropped. */
  loopsBack?: boolean;
}

export type NodeMapper = (ctx: MapContext) => MappedNode;
