import { useCallback, useId } from 'react';
import type { HandleEdits } from '../../store/handle-edits.js';
import { Icon } from '../../ui/icons.js';
import { RuleBuilder } from './rule-builder.js';
import { useDraft } from './use-draft.js';
import { addCase, caseIdProblem, moveCase, readCases, removeCase, renameCase, type CasesEdit, type SwitchCase } from './switch-cases.js';

type OnChange = (config: Record<string, unknown>, field: string, handles?: HandleEdits) => void;

/** A case's id is its output handle: typed into a draft, stored (and edges renamed) only while it is valid. */
function CaseIdInput({ index, cases, onRename }: { index: number; cases: readonly SwitchCase[]; onRename: (id: string) => void }) {
  const id = useId();
  const stored = cases[index]?.id ?? '';
  // The draft follows the stored id whenever it changes from outside (undo, reordering).
  const { text, setText, committed } = useDraft(
    stored,
    useCallback((v: string) => v, []),
  );
  const problem = text === stored ? undefined : caseIdProblem(text, cases, index);
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        Output id
      </label>
      <input
        id={id}
        className="input mono"
        value={text}
        aria-label={`Case ${index + 1} id`}
        aria-invalid={problem ? true : undefined}
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          if (!caseIdProblem(e.target.value, cases, index)) {
            committed(e.target.value);
            onRename(e.target.value);
          }
        }}
        onBlur={() => setText(stored)}
      />
      {problem ? (
        <small className="field-error" role="alert">
          {problem} The output keeps “{stored}”.
        </small>
      ) : null}
    </div>
  );
}

/** A switch's cases: each an output id, a label and the same rule builder as filter and branch; added, removed and reordered. */
export function SwitchCasesField({ config, operators, onChange, problemsFor }: { config: Record<string, unknown>; operators: string[]; onChange: OnChange; problemsFor: (path: string) => string[] }) {
  const cases = readCases(config);
  const apply = (edit: CasesEdit | undefined, field: string) => {
    if (edit) onChange({ ...config, cases: edit.cases }, field, edit.handles);
  };
  const setCase = (i: number, c: Record<string, unknown>, field: string) => apply({ cases: cases.map((x, j) => (j === i ? (c as unknown as SwitchCase) : x)) }, `cases.${i}.${field}`);

  return (
    <fieldset className="cases">
      <legend className="field-label">
        Cases <span className="muted small">· checked in order; “Otherwise” takes the rest</span>
      </legend>
      {problemsFor('cases')
        .filter((p) => !cases.some((_, i) => problemsFor(`cases[${i}]`).includes(p)))
        .map((p) => (
          <small key={p} className="field-error" role="alert">
            {p}
          </small>
        ))}
      {cases.map((c, i) => (
        <section key={i} className="case-card" aria-label={`Case ${i + 1}`}>
          <div className="case-title">
            <strong>Case {i + 1}</strong>
            <div className="case-tools">
              <button type="button" className="icon-button" aria-label={`Move case ${i + 1} up`} disabled={i === 0} onClick={() => apply(moveCase(cases, i, -1), 'cases')}>
                <Icon name="chevron" size={14} style={{ transform: 'rotate(-90deg)' }} />
              </button>
              <button type="button" className="icon-button" aria-label={`Move case ${i + 1} down`} disabled={i === cases.length - 1} onClick={() => apply(moveCase(cases, i, 1), 'cases')}>
                <Icon name="chevron" size={14} style={{ transform: 'rotate(90deg)' }} />
              </button>
              <button type="button" className="icon-button" aria-label={`Remove case ${i + 1}`} disabled={cases.length <= 1} onClick={() => apply(removeCase(cases, i), 'cases')}>
                <Icon name="trash" size={14} />
              </button>
            </div>
          </div>
          <div className="case-head">
            <CaseIdInput index={i} cases={cases} onRename={(id) => apply(renameCase(cases, i, id), `cases.${i}.id`)} />
            <label className="field">
              <span className="field-label">Label</span>
              <input
                className="input"
                value={c.label ?? ''}
                placeholder={c.id}
                aria-label={`Case ${i + 1} label`}
                maxLength={100}
                onChange={(e) => {
                  const { label: _old, ...rest } = c;
                  setCase(i, e.target.value === '' ? rest : { ...rest, label: e.target.value }, 'label');
                }}
              />
            </label>
          </div>
          <RuleBuilder
            config={c as unknown as Record<string, unknown>}
            operators={operators}
            labelPrefix={`Case ${i + 1}`}
            lead="Take this case when"
            problems={problemsFor(`cases[${i}]`)}
            onChange={(next, field) => setCase(i, next, field)}
          />
        </section>
      ))}
      <button type="button" className="button button-small" disabled={cases.length >= 25} onClick={() => apply(addCase(cases), 'cases')}>
        <Icon name="plus" size={14} /> Add case
      </button>
    </fieldset>
  );
}
