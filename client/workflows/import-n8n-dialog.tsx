import { useEffect, useState } from 'react';
import type { TemplateCredentialInfo } from '../api/template-schemas.js';
import { NewCredentialDialog } from '../templates/wizard-fields.js';
import { useApp } from '../store/store-context.js';
import { ImportCredentials } from './import-credentials.js';
import { z } from 'zod';
import { createHttp } from '../api/http.js';
import { navigate } from '../router/router.js';
import { Dialog } from '../ui/dialog.js';

/** What the dialog reads of `POST /api/import/n8n` (docs/import-from-n8n.md). */
const previewSchema = z.object({
  workflow: z.object({
    name: z.string(),
    nodes: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().optional(), position: z.object({ x: z.number(), y: z.number() }) })),
    edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string() })),
  }),
  report: z.object({
    summary: z.object({ exact: z.number(), approximated: z.number(), manual: z.number(), credentials: z.number() }),
    nodes: z.array(z.object({ n8nName: z.string(), n8nType: z.string(), nodeId: z.string().optional(), fidelity: z.string(), notes: z.array(z.string()) })),
    credentials: z.array(z.object({ key: z.string(), type: z.string(), why: z.string(), nodeIds: z.array(z.string()).default([]), n8nCredentials: z.array(z.string()).default([]) })),
  }),
});
type Preview = z.infer<typeof previewSchema>;
const savedSchema = z.object({ id: z.string() });

const { request } = createHttp();

/** The graph's shape at a glance: nodes where n8n drew them, edges as lines. */
function GraphPreview({ workflow }: { workflow: Preview['workflow'] }) {
  const xs = workflow.nodes.map((n) => n.position.x);
  const ys = workflow.nodes.map((n) => n.position.y);
  const [minX, minY] = [Math.min(...xs) - 60, Math.min(...ys) - 40];
  const [w, h] = [Math.max(...xs) - minX + 200, Math.max(...ys) - minY + 80];
  const at = new Map(workflow.nodes.map((n) => [n.id, n.position]));
  return (
    <svg viewBox={`${minX} ${minY} ${w} ${h}`} style={{ width: '100%', maxHeight: 260 }} role="img" aria-label="Preview of the imported graph">
      {workflow.edges.map((e) => {
        const a = at.get(e.source);
        const b = at.get(e.target);
        return a && b ? <line key={e.id} x1={a.x + 70} y1={a.y + 15} x2={b.x} y2={b.y + 15} stroke="currentColor" opacity={0.5} /> : null;
      })}
      {workflow.nodes.map((n) => (
        <g key={n.id}>
          <rect x={n.position.x} y={n.position.y} width={140} height={30} rx={6} fill="none" stroke="currentColor" />
          <text x={n.position.x + 8} y={n.position.y + 19} fontSize={11} fill="currentColor">
            {(n.label ?? n.id).slice(0, 20)} · {n.type}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** "Import from n8n": paste or pick an export, see the graph beside the report, then create the workflow. */
export function ImportN8nDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (id: string) => void }) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [creating, setCreating] = useState<TemplateCredentialInfo | null>(null);
  const loadCredentials = useApp((s) => s.loadCredentials);
  useEffect(() => {
    if (open) void loadCredentials();
  }, [open, loadCredentials]);
  const parse = (): unknown => JSON.parse(text) as unknown;
  const missing = preview ? preview.report.credentials.filter((c) => !chosen[c.key]).length : 0;
  const run = async (save: boolean) => {
    setError(null);
    try {
      // The credentials picked fill the report's [[credentials.<key>]] spots (the API's {workflow, credentials}).
      const exported = parse();
      const body = Object.keys(chosen).length ? { workflow: Array.isArray(exported) && exported.length === 1 ? (exported[0] as unknown) : exported, credentials: chosen } : exported;
      if (save) onImported((await request('POST', '/api/import/n8n?save=true', savedSchema, { body })).id);
      else setPreview(await request('POST', '/api/import/n8n', previewSchema, { body: parse() }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <>
      <Dialog
        open={open}
        wide
        title="Import from n8n"
        onClose={onClose}
        footer={
          <>
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="button" className="button" disabled={text.trim() === ''} onClick={() => void run(false)}>
              Preview
            </button>
            <button type="button" className="button button-primary" disabled={!preview || missing > 0} onClick={() => void run(true)}>
              Create workflow
            </button>
          </>
        }
      >
        <p className="muted">Paste the JSON n8n downloads (or pick the file). Credentials are never in an export: the report lists the ones to create.</p>
        <input
          type="file"
          accept="application/json,.json"
          aria-label="n8n export file"
          onChange={(e) =>
            void e.target.files?.[0]?.text().then((t) => {
              setText(t);
              setPreview(null);
              setChosen({});
            })
          }
        />
        <textarea
          aria-label="n8n export JSON"
          rows={6}
          style={{ width: '100%' }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPreview(null);
            setChosen({});
          }}
        />
        {error ? (
          <p role="alert" className="error-text">
            {error}
          </p>
        ) : null}
        {preview ? (
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 'var(--s3)' }}>
            <GraphPreview workflow={preview.workflow} />
            <div aria-label="Import report">
              <p>
                {preview.report.summary.exact} exact, {preview.report.summary.approximated} approximated, {preview.report.summary.manual} need your hand.
              </p>
              <ul>
                {preview.report.nodes
                  .filter((n) => n.fidelity !== 'exact')
                  .map((n) => (
                    <li key={n.n8nName}>
                      <strong>{n.n8nName}</strong> ({n.fidelity === 'manual' ? 'needs your hand' : 'approximated'}): {n.notes.join('; ')}
                    </li>
                  ))}
                {preview.report.credentials.map((c) => (
                  <li key={c.key}>
                    Create a <strong>{c.type}</strong> credential: {c.why}
                  </li>
                ))}
              </ul>
              <ImportCredentials needs={preview.report.credentials} chosen={chosen} onChoose={(key, id) => setChosen((v) => ({ ...v, [key]: id }))} onCreate={setCreating} />
              {missing > 0 ? <p className="muted small">Pick or create {missing === 1 ? 'the credential' : `the ${missing} credentials`} above to create the workflow.</p> : null}
            </div>
          </div>
        ) : null}
      </Dialog>
      {/* Beside the import dialog, never inside it: the credential form must not submit or close it. */}
      <NewCredentialDialog need={creating} onClose={() => setCreating(null)} onCreated={(key, id) => setChosen((v) => ({ ...v, [key]: id }))} />
    </>
  );
}

/** The workflows page's "Import from n8n" button with its dialog; a created workflow opens in the editor. */
export function ImportN8nButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" onClick={() => setOpen(true)}>
        Import from n8n
      </button>
      <ImportN8nDialog open={open} onClose={() => setOpen(false)} onImported={(id) => navigate(`/workflows/${id}`)} />
    </>
  );
}
