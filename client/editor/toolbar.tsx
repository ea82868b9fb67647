import { useCan } from '../auth/can.js';
import { Link } from '../router/link.js';
import { isStepNode } from '../store/flow-types.js';
import { useApp } from '../store/store-context.js';
import { Icon, type IconName } from '../ui/icons.js';
import { Switch } from '../ui/switch.js';
import type { EditorCommands } from './use-editor-keys.js';
import { PublishControls } from './publish-controls.js';
import { PauseControl } from './pause-control.js';

function ToolButton({ icon, label, onClick, disabled, keys }: { icon: IconName; label: string; onClick: () => void; disabled?: boolean; keys?: string }) {
  return (
    <button type="button" className="icon-button tool" onClick={onClick} disabled={disabled} aria-label={label} title={keys ? `${label} (${keys})` : label}>
      <Icon name={icon} size={18} />
    </button>
  );
}

function SaveState() {
  const saving = useApp((s) => s.saving);
  const dirty = useApp((s) => s.dirty);
  const version = useApp((s) => s.version);
  const workflowId = useApp((s) => s.workflowId);
  if (saving)
    return (
      <span className="save-state" role="status">
        Saving…
      </span>
    );
  if (dirty || !workflowId)
    return (
      <span className="save-state save-dirty" role="status">
        <span className="dot" aria-hidden="true" />
        {workflowId ? 'Unsaved changes' : 'Not saved yet'}
      </span>
    );
  return (
    <span className="save-state save-clean" role="status">
      <Icon name="check" size={14} />
      Saved · v{version}
    </span>
  );
}

function IssuesButton() {
  const v = useApp((s) => s.validation);
  const open = useApp((s) => s.issuesOpen);
  const setOpen = useApp((s) => s.setIssuesOpen);
  // A new, empty canvas has nothing wrong with it yet: a hint, not an error.
  const empty = useApp((s) => !s.nodes.some(isStepNode));
  if (empty) {
    return (
      <button type="button" className="issues-button issues-neutral" aria-pressed={open} aria-label="Issues: Add a trigger to start" onClick={() => setOpen(!open)}>
        <Icon name="info" size={14} />
        Add a trigger to start
      </button>
    );
  }
  const label = v.errors ? `${v.errors} error${v.errors > 1 ? 's' : ''}` : v.warnings ? `${v.warnings} warning${v.warnings > 1 ? 's' : ''}` : 'No issues';
  const kind = v.errors ? 'error' : v.warnings ? 'warning' : 'ok';
  return (
    <button type="button" className={`issues-button issues-${kind}`} aria-pressed={open} aria-label={`Issues: ${label}`} onClick={() => setOpen(!open)}>
      <Icon name={kind === 'ok' ? 'check' : 'alert'} size={14} />
      {label}
    </button>
  );
}

/** The editor's top bar: name, save state, history, layout, test, activate, save. */
export function EditorToolbar({ commands, onVersions, onHelp }: { commands: EditorCommands; onVersions: () => void; onHelp: () => void }) {
  const name = useApp((s) => s.name);
  const setName = useApp((s) => s.setName);
  const canUndo = useApp((s) => s.past.length > 0);
  const canRedo = useApp((s) => s.future.length > 0);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);
  const active = useApp((s) => s.active);
  const setActive = useApp((s) => s.setActive);
  const saving = useApp((s) => s.saving);
  const workflowId = useApp((s) => s.workflowId);
  const testing = useApp((s) => s.testRunId !== null);
  const canEdit = useCan('edit');
  return (
    <header className="editor-toolbar">
      <Link to="/workflows" className="icon-button tool" aria-label="Back to workflows" title="Back to workflows">
        <Icon name="back" size={18} />
      </Link>
      <input className="name-input" value={name} onChange={(e) => setName(e.target.value)} aria-label="Workflow name" maxLength={200} readOnly={!canEdit} />
      {canEdit ? (
        <SaveState />
      ) : (
        <span className="save-state read-only-note" role="status">
          <Icon name="info" size={14} />
          View only: your role cannot change workflows
        </span>
      )}
      <div className="toolbar-spacer" />
      {canEdit ? (
        <div className="tool-group" role="group" aria-label="Edit">
          <ToolButton icon="undo" label="Undo" keys="Ctrl+Z" onClick={() => undo()} disabled={!canUndo} />
          <ToolButton icon="redo" label="Redo" keys="Ctrl+Shift+Z" onClick={() => redo()} disabled={!canRedo} />
        </div>
      ) : null}
      <div className="tool-group" role="group" aria-label="View">
        <ToolButton icon="layout" label="Auto-layout" keys="Shift+L" onClick={commands.layout} />
        <ToolButton icon="fit" label="Fit view" keys="Shift+1" onClick={commands.fitView} />
        {canEdit ? <ToolButton icon="note" label="Add sticky note" keys="N" onClick={commands.addNote} /> : null}
        <ToolButton icon="keyboard" label="Keyboard shortcuts" keys="?" onClick={onHelp} />
        <ToolButton icon="history" label="Version history" onClick={onVersions} disabled={!workflowId} />
      </div>
      <IssuesButton />
      {canEdit ? (
        <>
          {/* Never disabled: a test run stuck waiting for a retry must not block the next one (the server cancels it). */}
          <button
            type="button"
            className="button"
            onClick={commands.testRun}
            title={testing ? 'Cancel the test run in progress and start a new one (Ctrl+Enter)' : 'Run the saved workflow with the sample event (Ctrl+Enter)'}
          >
            <Icon name="play" size={14} />
            {testing ? 'Test run again' : 'Test run'}
          </button>
          <div className="active-toggle">
            <Switch checked={active} label="Active" onChange={(on) => void setActive(on)} />
            <span aria-hidden="true">{active ? 'Active' : 'Inactive'}</span>
          </div>
          <PauseControl />
          <PublishControls />
          <button
            type="button"
            className="button button-primary"
            onClick={commands.save}
            disabled={saving}
            title="Save the draft as a new version; live URLs keep running the published one until you publish (Ctrl+S)"
          >
            <Icon name="save" size={14} />
            Save
          </button>
        </>
      ) : null}
    </header>
  );
}
