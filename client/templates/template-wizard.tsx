import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.js';
import type { TemplateCredentialInfo, TemplateSummary } from '../api/template-schemas.js';
import { navigate } from '../router/router.js';
import { useApp, useAppStore } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Dialog } from '../ui/dialog.js';
import { TemplatePreview } from './template-preview.js';
import { CredentialChoice, InputField, NewCredentialDialog } from './wizard-fields.js';
import { initialValues, problemsFromIssues, wizardChoices, type WizardProblems, type WizardValues } from './wizard-form.js';

/** The form of one template; mounted afresh for each template, so nothing typed carries over. */
function WizardForm({ template, onCancel }: { template: TemplateSummary; onCancel: () => void }) {
  const api = useApi();
  const store = useAppStore();
  const toast = useApp((s) => s.toast);
  const loadCredentials = useApp((s) => s.loadCredentials);
  const [values, setValues] = useState<WizardValues>(() => initialValues(template));
  const [problems, setProblems] = useState<WizardProblems>({});
  const [busy, setBusy] = useState(false);
  // The credential dialog is a sibling of the form, never inside it: its own form must not submit this one.
  const [creating, setCreating] = useState<TemplateCredentialInfo | null>(null);
  const nameId = useId();
  useEffect(() => void loadCredentials(), [loadCredentials]);

  /** Changes values; a field that changed loses its old problem (and so does the form's summary). */
  const set = (patch: (v: WizardValues) => WizardValues, field: string) => {
    setValues(patch);
    setProblems(({ [field]: _gone, '': _summary, ...rest }) => rest);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { choices, problems: found } = wizardChoices(template, values);
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const wf = await api.templates.instantiate(template.id, choices);
      toast('success', `${wf.name} is ready and active. Point ${template.trigger.provider} at its trigger URL.`);
      // Open it with the trigger selected, so the inspector shows the URL to paste into the provider.
      const s = store.getState();
      await s.loadWorkflow(wf.id);
      const trigger = wf.hooks[0]?.nodeId;
      if (trigger) store.getState().select([trigger]);
      navigate(`/workflows/${encodeURIComponent(wf.id)}`, { force: true });
    } catch (err) {
      setProblems({ ...(err instanceof ApiError ? problemsFromIssues(err.issues) : {}), '': err instanceof Error ? err.message : String(err) });
      setBusy(false);
    }
  };

  return (
    <>
      <form className="template-wizard" onSubmit={(e) => void submit(e)} noValidate aria-label={`Set up ${template.name}`}>
        <section className="wizard-about">
          <TemplatePreview template={template} />
          <p>{template.description}</p>
          <div className="wizard-setup">
            <strong>After creating it</strong>
            <p className="small">{template.trigger.setup}</p>
          </div>
        </section>
        <section className="wizard-fields form-stack">
          <div className={`field${problems.name ? ' field-invalid' : ''}`}>
            <label htmlFor={nameId} className="field-label">
              Workflow name
            </label>
            <input id={nameId} className="input" value={values.name} maxLength={200} onChange={(e) => set((v) => ({ ...v, name: e.target.value }), 'name')} />
            {problems.name ? (
              <small className="field-error" role="alert">
                {problems.name}
              </small>
            ) : null}
          </div>
          {template.credentials.length ? <h3 className="wizard-heading">Credentials</h3> : null}
          {template.credentials.map((c) => (
            <CredentialChoice
              key={c.key}
              need={c}
              value={values.credentials[c.key] ?? ''}
              problem={problems[`credentials.${c.key}`]}
              onCreate={() => setCreating(c)}
              onChange={(id) => set((v) => ({ ...v, credentials: { ...v.credentials, [c.key]: id } }), `credentials.${c.key}`)}
            />
          ))}
          {template.inputs.length ? <h3 className="wizard-heading">Settings</h3> : null}
          {template.inputs.map((i) => (
            <InputField
              key={i.key}
              input={i}
              value={values.inputs[i.key] ?? ''}
              problem={problems[`inputs.${i.key}`]}
              onChange={(text) => set((v) => ({ ...v, inputs: { ...v.inputs, [i.key]: text } }), `inputs.${i.key}`)}
            />
          ))}
          {problems[''] ? (
            <p className="form-error" role="alert">
              {problems['']}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Creating…' : 'Create and activate'}
            </button>
          </div>
        </section>
      </form>
      <NewCredentialDialog need={creating} onClose={() => setCreating(null)} onCreated={(key, id) => set((v) => ({ ...v, credentials: { ...v.credentials, [key]: id } }), `credentials.${key}`)} />
    </>
  );
}

/** The wizard: what the template does, then only what it needs (credentials, settings); creates, activates and opens the workflow. */
export function TemplateWizard({ template, onClose }: { template: TemplateSummary | null; onClose: () => void }) {
  return (
    <Dialog open={template !== null} title={template ? `Use template: ${template.name}` : 'Use template'} onClose={onClose} wide>
      {template ? <WizardForm key={template.id} template={template} onCancel={onClose} /> : null}
    </Dialog>
  );
}
