import { useState } from 'react';
import { diffVersions, type DiffableWorkflow, type VersionDiff } from '../../shared/graph/diff-versions.js';
import { navigate } from '../router/router.js';
import { buildDefinition } from '../store/definition.js';
import { useApp, useAppStore } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Dialog } from '../ui/dialog.js';
import './publish.css';

/** Where the draft stands against the live version, in a few words. */
function liveState(version: number, published: number | null, dirty: boolean): { label: string; differs: boolean } {
  if (published === null) return { label: 'Draft · not published', differs: true };
  if (dirty || version !== published) return { label: `Draft differs from live (v${published})`, differs: true };
  return { label: `Live · v${published}`, differs: false };
}

function DiffList({ diff }: { diff: VersionDiff }) {
  if (diff.same) return <p>The draft does the same as the live version (only positions or nothing changed).</p>;
  const row = (label: string, items: string[]) =>
    items.length ? (
      <li>
        <strong>{label}:</strong> {items.join(', ')}
      </li>
    ) : null;
  return (
    <ul className="publish-diff" aria-label="Changes from live to draft">
      {row('Steps added', diff.added)}
      {row('Steps removed', diff.removed)}
      {diff.changed.map((c) => (
        <li key={c.nodeId}>
          <strong>{c.nodeId} changed:</strong> {c.fields.join(', ')}
        </li>
      ))}
      {row('Connections added', diff.edgesAdded)}
      {row('Connections removed', diff.edgesRemoved)}
      {row('Workflow', diff.workflowFields)}
    </ul>
  );
}

/** The draft/live badge with its diff, the Publish button, and the choice after a conflicting save. */
export function PublishControls() {
  const api = useApi();
  const store = useAppStore();
  const workflowId = useApp((s) => s.workflowId);
  const version = useApp((s) => s.version);
  const published = useApp((s) => s.publishedVersion);
  const dirty = useApp((s) => s.dirty);
  const conflict = useApp((s) => s.conflict);
  const [diff, setDiff] = useState<VersionDiff | 'loading' | null>(null);
  const state = liveState(version, published, dirty);

  const showDiff = async () => {
    const s = store.getState();
    if (!s.workflowId || s.publishedVersion === null) return;
    setDiff('loading');
    const live = await api.workflows.version(s.workflowId, s.publishedVersion).catch(() => undefined);
    if (!live) return setDiff(null);
    setDiff(diffVersions(live.definition as unknown as DiffableWorkflow, buildDefinition(s, s.graphDoc()) as unknown as DiffableWorkflow));
  };
  const reload = () => {
    const s = store.getState();
    if (s.workflowId && confirm('Reload the newest version? Your unsaved edits on this canvas are dropped.')) void s.loadWorkflow(s.workflowId);
  };

  return (
    <>
      {workflowId ? (
        state.differs && published !== null ? (
          <button type="button" className="pill pill-amber publish-state" onClick={() => void showDiff()} title="Show what changed from the live version">
            {state.label}
          </button>
        ) : (
          <span className={`pill ${state.differs ? 'pill-grey' : 'pill-green'} publish-state`} role="status">
            {state.label}
          </span>
        )
      ) : null}
      <button
        type="button"
        className="button"
        onClick={() => void store.getState().publish()}
        disabled={!state.differs && workflowId !== null}
        title="Save and make this draft the live version: live trigger URLs and schedules run it"
      >
        Publish
      </button>
      {conflict ? (
        <div className="publish-conflict" role="alert">
          <span>{conflict}</span>
          <button type="button" className="button button-small" onClick={reload}>
            Reload
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={() =>
              void store
                .getState()
                .saveAsCopy()
                .then((copy) => copy && navigate(`/workflows/${encodeURIComponent(copy)}`, { replace: true, force: true }))
            }
          >
            Save as a copy
          </button>
        </div>
      ) : null}
      <Dialog open={diff !== null} title={`Draft vs live (v${published ?? '-'})`} onClose={() => setDiff(null)}>
        {diff === 'loading' ? <p>Comparing…</p> : diff ? <DiffList diff={diff} /> : null}
      </Dialog>
    </>
  );
}
