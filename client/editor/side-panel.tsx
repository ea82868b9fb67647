import { isStepNode, type StepFlowNode } from '../store/flow-types.js';
import { useApp } from '../store/store-context.js';
import { Icon } from '../ui/icons.js';
import { Inspector } from './inspector/inspector.js';
import { WorkflowSettingsSection } from './inspector/workflow-settings.js';

/** With nothing (or several things) selected: what the workflow is and what to do next. */
function Overview() {
  const description = useApp((s) => s.description);
  const selectedCount = useApp((s) => s.nodes.filter((n) => n.selected).length);
  const stepCount = useApp((s) => s.nodes.filter(isStepNode).length);
  const validation = useApp((s) => s.validation);
  const setIssuesOpen = useApp((s) => s.setIssuesOpen);
  return (
    <div className="inspector overview">
      <section className="panel-section">
        <h2>{selectedCount > 1 ? `${selectedCount} items selected` : 'Workflow'}</h2>
        {selectedCount > 1 ? (
          <p className="muted small">Copy them with Ctrl+C (they go to the clipboard as JSON and paste into any workflow), or press Delete.</p>
        ) : (
          <p className="muted small">{stepCount === 0 ? 'Drag a trigger from the palette to begin.' : 'Select a step to configure it.'}</p>
        )}
        {description ? <p>{description}</p> : null}
      </section>
      <section className="panel-section">
        <h3>Checks</h3>
        {validation.issues.length === 0 ? (
          <p className="ok-line">Everything checks out.</p>
        ) : (
          <button type="button" className="button button-small" onClick={() => setIssuesOpen(true)}>
            Show {validation.errors} error{validation.errors === 1 ? '' : 's'} and {validation.warnings} warning{validation.warnings === 1 ? '' : 's'}
          </button>
        )}
      </section>
      {selectedCount > 1 ? null : <WorkflowSettingsSection />}
      <section className="panel-section tips">
        <h3>Tips</h3>
        <ul className="muted small">
          <li>Drag from a node's right dot to another node's left dot to connect them.</li>
          <li>
            A branch has a <b>True</b> and a <b>False</b> output.
          </li>
          <li>
            Type <code>{'{{ trigger.body.id }}'}</code> in any text field to use data.
          </li>
          <li>
            Press <kbd>?</kbd> for all shortcuts.
          </li>
        </ul>
      </section>
    </div>
  );
}

/** The right-hand panel: the inspector of the one selected step, or the overview; folded to a strip when collapsed. */
export function SidePanel({ collapsed, onToggle }: { collapsed: boolean; onToggle: () => void }) {
  const selected = useApp((s) => {
    const sel = s.nodes.filter((n) => n.selected);
    return sel.length === 1 && sel[0] && isStepNode(sel[0]) ? sel[0] : undefined;
  });
  const label = collapsed ? 'Show the inspector' : 'Hide the inspector';
  return (
    <aside id="inspector-panel" className={`side-panel${collapsed ? ' side-panel-collapsed' : ''}`} aria-label="Inspector">
      <button
        type="button"
        className="icon-button side-panel-toggle"
        aria-expanded={!collapsed}
        aria-label={label}
        title={collapsed ? label : `${label} (more room for the canvas)`}
        onClick={onToggle}
      >
        <Icon name="panelRight" />
      </button>
      {collapsed ? null : selected ? <Inspector key={selected.id} node={selected as StepFlowNode} /> : <Overview />}
    </aside>
  );
}
