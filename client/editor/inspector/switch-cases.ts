import { FALLBACK_OUTPUT } from '../../../shared/nodes/switch.node.js';
import type { HandleEdits } from '../../store/handle-edits.js';

/**
 * Editing a switch's cases. Each case's id is also its output handle, so every operation says
 * which handles it renamed or removed, for the graph to move or drop the edges on them. Pure.
 */

export interface CaseRule {
  field: string;
  operator: string;
  value?: string | number | boolean | null;
}

export interface SwitchCase {
  id: string;
  label?: string;
  combinator?: 'and' | 'or';
  rules: CaseRule[];
}

export interface CasesEdit {
  cases: SwitchCase[];
  handles?: HandleEdits;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

/** The cases in a config, copied so edits never touch the stored objects. */
export function readCases(config: Record<string, unknown>): SwitchCase[] {
  if (!Array.isArray(config.cases)) return [];
  return config.cases
    .filter((c): c is SwitchCase => typeof c === 'object' && c !== null && typeof (c as { id?: unknown }).id === 'string')
    .map((c) => ({ ...c, rules: Array.isArray(c.rules) ? c.rules.map((r) => ({ ...r })) : [] }));
}

/** Why `id` cannot name case `index`, or undefined when it can. */
export function caseIdProblem(id: string, cases: readonly SwitchCase[], index: number): string | undefined {
  if (!ID_PATTERN.test(id)) return 'Use 1–40 letters, digits, "_" or "-".';
  if (id === FALLBACK_OUTPUT) return '"fallback" is the output taken when no case matches.';
  if (cases.some((c, i) => i !== index && c.id === id)) return 'Another case has this id.';
  return undefined;
}

/** A new case at the end, with a fresh id and one condition that is valid as it stands. */
export function addCase(cases: readonly SwitchCase[]): CasesEdit {
  const taken = new Set(cases.map((c) => c.id));
  let n = cases.length + 1;
  while (taken.has(`case_${n}`)) n++;
  const id = `case_${n}`;
  return { cases: [...cases, { id, label: `Case ${n}`, rules: [{ field: 'trigger.body.type', operator: 'equals', value: '' }] }] };
}

/** Removes a case; edges on its handle go with it. */
export function removeCase(cases: readonly SwitchCase[], index: number): CasesEdit {
  const gone = cases[index];
  if (!gone) return { cases: [...cases] };
  return { cases: cases.filter((_, i) => i !== index), handles: { removed: [gone.id] } };
}

/** Moves a case up (-1) or down (+1); the order decides which case wins when only the first match counts. */
export function moveCase(cases: readonly SwitchCase[], index: number, delta: -1 | 1): CasesEdit {
  const to = index + delta;
  if (to < 0 || to >= cases.length || !cases[index]) return { cases: [...cases] };
  const next = [...cases];
  const [moved] = next.splice(index, 1);
  next.splice(to, 0, moved as SwitchCase);
  return { cases: next };
}

/** Renames a case; refused (undefined) when the id is not usable, so handles only ever get valid names. */
export function renameCase(cases: readonly SwitchCase[], index: number, id: string): CasesEdit | undefined {
  const old = cases[index];
  if (!old || caseIdProblem(id, cases, index)) return undefined;
  if (old.id === id) return { cases: [...cases] };
  return { cases: cases.map((c, i) => (i === index ? { ...c, id } : c)), handles: { renamed: { [old.id]: id } } };
}
