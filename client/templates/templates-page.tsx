import { useMemo, useState } from 'react';
import { getNodeType } from '../../shared/nodes/registry.js';
import type { TemplateSummary } from '../api/template-schemas.js';
import { useCan } from '../auth/can.js';
import { useAsync } from '../lib/use-async.js';
import { Link } from '../router/link.js';
import { navigate } from '../router/router.js';
import { useApi } from '../ui/api-context.js';
import { Icon } from '../ui/icons.js';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.js';
import { categoriesOf, filterTemplates } from './gallery-filter.js';
import { TemplateWizard } from './template-wizard.js';
import './templates.css';
import { NodeIcon } from '../ui/node-icon.js';

/** The trigger and the apps a template reaches, as their node types' icons (logic and code steps left out). */
function AppIcons({ template }: { template: TemplateSummary }) {
  const shown = template.nodeTypes.map((type) => ({ type, d: getNodeType(type) })).filter(({ d }) => d?.kind === 'trigger' || d?.category === 'apps' || d?.category === 'actions');
  return (
    <span className="template-apps" aria-hidden="true">
      {shown.map(({ type, d }, i) => (
        <span key={type} className="template-app">
          {i === 1 ? <span className="template-arrow">→</span> : null}
          <span className={`node-icon cat-${d?.category ?? 'other'}`} title={d?.title ?? type}>
            <NodeIcon type={type} size={16} />
          </span>
        </span>
      ))}
    </span>
  );
}

function TemplateCard({ template, canEdit }: { template: TemplateSummary; canEdit: boolean }) {
  const open = () => navigate(`/templates/${encodeURIComponent(template.id)}`);
  return (
    <article className="card template-card" aria-labelledby={`tpl-${template.id}`}>
      <div className="template-card-head">
        <AppIcons template={template} />
        <span className="chip">{template.category}</span>
      </div>
      <h2 id={`tpl-${template.id}`} className="template-name">
        {template.name}
      </h2>
      <p className="muted small template-description">{template.description}</p>
      <div className="template-needs small muted">
        {template.credentials.length} credential{template.credentials.length === 1 ? '' : 's'}
        {template.inputs.length ? ` · ${template.inputs.length} setting${template.inputs.length === 1 ? '' : 's'}` : ''} · {template.trigger.provider}
      </div>
      <button
        type="button"
        className="button button-primary template-use"
        onClick={open}
        disabled={!canEdit}
        aria-label={`Use template ${template.name}`}
        title={canEdit ? undefined : 'Viewers can browse templates; creating workflows needs the editor role.'}
      >
        Use template
      </button>
    </article>
  );
}

/** The template gallery: categories, search and cards; a card opens the wizard (`/templates/:id`). */
export function TemplatesPage({ templateId }: { templateId?: string }) {
  const api = useApi();
  const canEdit = useCan('edit');
  const { state, reload } = useAsync(() => api.templates.list().then((r) => r.templates), [api]);
  const all = useMemo(() => state.data ?? [], [state.data]);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const shown = useMemo(() => filterTemplates(all, query, category), [all, query, category]);
  const categories = useMemo(() => categoriesOf(all), [all]);
  const chosen = templateId ? (all.find((t) => t.id === templateId) ?? null) : null;

  return (
    <div className="page-inner">
      <header className="page-header">
        <div>
          <Link to="/workflows" className="back-link small">
            <Icon name="back" size={14} /> Workflows
          </Link>
          <h1>Templates</h1>
          <p className="muted">Ready-made workflows for Stripe, GitHub, Shopify, PagerDuty, Twilio and more: pick one, add your credentials, and it runs.</p>
        </div>
      </header>
      <div className="toolbar-row">
        <label className="search-box">
          <Icon name="search" />
          <input type="search" placeholder="Search templates" aria-label="Search templates" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <span className="muted">
          {shown.length} of {all.length}
        </span>
      </div>
      <div className="category-tabs" role="group" aria-label="Categories">
        <button type="button" className={`category-tab${category === null ? ' active' : ''}`} aria-pressed={category === null} onClick={() => setCategory(null)}>
          All <span className="count">{all.length}</span>
        </button>
        {categories.map((c) => (
          <button key={c.category} type="button" className={`category-tab${category === c.category ? ' active' : ''}`} aria-pressed={category === c.category} onClick={() => setCategory(c.category)}>
            {c.category} <span className="count">{c.count}</span>
          </button>
        ))}
      </div>
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      {state.status === 'loading' && !state.data ? <LoadingState label="Loading templates…" /> : null}
      {state.status === 'ready' && shown.length === 0 ? (
        <EmptyState
          icon="search"
          title="No template matches"
          action={
            <button
              type="button"
              className="button"
              onClick={() => {
                setQuery('');
                setCategory(null);
              }}
            >
              Show all templates
            </button>
          }
        >
          Try another word, or start from an empty workflow instead.
        </EmptyState>
      ) : null}
      {shown.length ? (
        <div className="template-grid">
          {shown.map((t) => (
            <TemplateCard key={t.id} template={t} canEdit={canEdit} />
          ))}
        </div>
      ) : null}
      {templateId && state.status === 'ready' && !chosen ? (
        <p className="form-error" role="alert">
          There is no template “{templateId}”.
        </p>
      ) : null}
      <TemplateWizard template={canEdit ? chosen : null} onClose={() => navigate('/templates')} />
    </div>
  );
}
