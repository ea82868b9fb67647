import { useAsync } from '../lib/use-async.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { Dialog } from '../ui/dialog.js';
import { dateTime } from '../ui/format.js';
import { ErrorState, LoadingState } from '../ui/states.js';

/** Every saved version, newest first; restoring one saves it again as the newest version. */
export function VersionsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const api = useApi();
  const workflowId = useApp((s) => s.workflowId);
  const current = useApp((s) => s.version);
  const restore = useApp((s) => s.restoreVersion);
  const { state, reload } = useAsync(async () => (open && workflowId ? (await api.workflows.versions(workflowId)).versions : []), [open, workflowId, current]);
  const versions = [...(state.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Dialog open={open} title="Version history" onClose={onClose}>
      {state.status === 'loading' && !state.data ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorState message={state.error} onRetry={reload} /> : null}
      <ul className="versions">
        {versions.map((v) => (
          <li key={v.version}>
            <div>
              <strong>Version {v.version}</strong>
              {v.version === current ? <span className="pill pill-blue">current</span> : null}
              <div className="muted small">{dateTime(v.createdAt)}</div>
            </div>
            {v.version !== current ? (
              <button
                type="button"
                className="button button-small"
                onClick={async () => {
                  if (await restore(v.version)) onClose();
                }}
              >
                Restore
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="muted small">Runs keep the version they started with. Restoring saves the old graph as a new version; undo brings your edits back.</p>
    </Dialog>
  );
}
