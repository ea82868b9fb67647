import { useMemo, type ReactNode } from 'react';
import type { WorkflowIssue } from '../../../shared/graph/validate-workflow.js';
import { useApp } from '../../store/store-context.js';
import { ChoiceField } from './choice-field.js';
import { MergeByFieldFields } from './merge-by-field-fields.js';
import { problemsAt } from './schema-form.js';

type OnChange = (config: Record<string, unknown>, field: string) => void;

/** The merge step's settings: wait for all branches or the first, and how the outputs combine (or which fields join their items). */
export function MergeForm({ nodeId, config, issues, onChange }: { nodeId: string; config: Record<string, unknown>; issues: readonly WorkflowIssue[]; onChange: OnChange }) {
  const edges = useApp((s) => s.edges);
  const incoming = useMemo(() => edges.filter((e) => e.target === nodeId).map((e) => e.source), [edges, nodeId]);
  const mode = config.mode === 'first' ? 'first' : 'all';
  const combine = config.combine === 'list' || config.combine === 'merge' || config.combine === 'byField' ? config.combine : 'byStep';
  const set = (key: string, v: string) => onChange({ ...config, [key]: v }, key);
  // Joining by field starts from "id" in both inputs, so the form is valid as soon as it is chosen.
  const setCombine = (v: string) => onChange(v === 'byField' ? { byField: { field1: 'id', field2: 'id', join: 'inner' }, ...config, combine: v } : { ...config, combine: v }, 'combine');
  return (
    <div className="schema-form merge-form">
      <p className="form-intro small">
        {incoming.length >= 2 && combine === 'byField' && mode === 'all' ? (
          <>
            Input 1 is <code>{incoming[0]}</code>, input 2 is <code>{incoming[1]}</code> (the order the edges were drawn in){incoming.length > 2 ? '; a third edge fails the step' : ''}.
          </>
        ) : incoming.length >= 2 ? (
          <>
            Joins {incoming.length} branches: {incoming.map((id) => <code key={id}>{id}</code>).reduce<ReactNode[]>((acc, el, i) => (i ? [...acc, ', ', el] : [el]), [])}.
          </>
        ) : (
          'Connect two or more branches into this step’s input; it joins them into one.'
        )}
      </p>
      <ChoiceField
        label="Wait for"
        value={mode}
        problems={problemsAt(issues, 'mode')}
        onChange={(v) => set('mode', v)}
        choices={[
          { value: 'all', label: 'All branches', hint: 'Goes on once every incoming branch has finished or was skipped (a branch not taken does not block it).' },
          { value: 'first', label: 'The first to arrive', hint: 'Goes on with the first branch that finishes; the others are ignored.' },
        ]}
      />
      <ChoiceField
        label="Combine the outputs as"
        value={combine}
        problems={problemsAt(issues, 'combine')}
        onChange={setCombine}
        disabled={mode === 'first'}
        note={mode === 'first' ? 'With “the first to arrive” the output is that branch’s output as it is.' : undefined}
        choices={[
          { value: 'byStep', label: 'By step', hint: 'One object keyed by the step each output came from: { "a": …, "b": … }.' },
          { value: 'list', label: 'List', hint: 'An array of the outputs, in the order of the incoming edges.' },
          { value: 'merge', label: 'Merged object', hint: 'The outputs’ keys merged into one object; on the same key, the later edge wins.' },
          { value: 'byField', label: 'Matched by field', hint: 'The items of input 1 (first edge) and input 2 (second edge) joined where a field matches; a list.' },
        ]}
      />
      {mode === 'all' && combine === 'byField' ? <MergeByFieldFields value={config.byField} issues={issues} onChange={(byField) => onChange({ ...config, byField }, 'byField')} /> : null}
    </div>
  );
}
