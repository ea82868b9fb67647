import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCan } from '../auth/can.js';
import { navigate, setNavigationGuard } from '../router/router.js';
import { isStepNode } from '../store/flow-types.js';
import { layoutPositions } from '../store/layout.js';
import { stepOrder } from '../store/step-order.js';
import { useApp, useAppStore } from '../store/store-context.js';
import { ErrorState, LoadingState } from '../ui/states.js';
import { Canvas } from './canvas.js';
import { fitOptions, minimapShown } from './canvas-chrome.js';
import { IssuesPanel } from './issues-panel.js';
import { Palette } from './palette.js';
import { RunPanel } from './run-panel.js';
import { ShortcutsDialog } from './shortcuts-dialog.js';
import { SidePanel } from './side-panel.js';
import { EditorToolbar } from './toolbar.js';
import { useEditorKeys, type EditorCommands } from './use-editor-keys.js';
import { VersionsDialog } from './versions-dialog.js';
import { ConnectDialog } from './connect/connect-dialog.js';
import { focusStep } from './connect/step-name.js';
import { InspectorResizer } from './inspector-resizer.js';
import { usePanelLayout } from './use-panel-layout.js';

const LEAVE_MESSAGE = 'You have unsaved changes. Leave without saving?';

function EditorBody() {
  const store = useAppStore();
  const { fitView, screenToFlowPosition } = useReactFlow();
  const pointer = useRef<{ x: number; y: number } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [help, setHelp] = useState(false);
  const [versions, setVersions] = useState(false);
  const canEdit = useCan('edit');
  const name = useApp((s) => s.name);
  const bodyRef = useRef<HTMLDivElement>(null);
  const panels = usePanelLayout(bodyRef, canEdit);
  // Read by `/` at call time: a collapsed palette opens first, then its search box takes focus.
  const paletteCollapsed = useRef(panels.layout.paletteCollapsed);
  paletteCollapsed.current = panels.layout.paletteCollapsed;
  const togglePalette = panels.togglePalette;

  const commands = useMemo<EditorCommands>(() => {
    // Read at call time: the minimap (and so the room a fit leaves for it) follows the canvas' size.
    const fitNow = () => {
      const s = store.getState();
      return fitView(fitOptions(minimapShown(s.minimapPref, s.canvasSize), true));
    };
    return {
      save: () => {
        void store
          .getState()
          .save()
          .then((id) => {
            if (id && !location.pathname.endsWith(`/${encodeURIComponent(id)}`)) navigate(`/workflows/${encodeURIComponent(id)}`, { replace: true, force: true });
          });
      },
      layout: () => {
        void import('@dagrejs/dagre').then((m) => {
          const s = store.getState();
          s.applyPositions(layoutPositions(s.nodes, s.edges, m.default ?? m));
          requestAnimationFrame(() => void fitNow());
        });
      },
      fitView: () => void fitNow(),
      addNote: () => {
        const rect = document.querySelector('.editor-canvas')?.getBoundingClientRect();
        const p = pointer.current ?? (rect ? screenToFlowPosition({ x: rect.left + rect.width / 2 - 110, y: rect.top + rect.height / 2 - 70 }) : { x: 0, y: 0 });
        store.getState().addNote({ x: Math.round(p.x), y: Math.round(p.y) });
      },
      focusSearch: () => {
        if (!paletteCollapsed.current) return searchRef.current?.focus();
        togglePalette();
        requestAnimationFrame(() => searchRef.current?.focus());
      },
      showHelp: () => setHelp(true),
      testRun: () => void store.getState().testRun(),
    };
  }, [store, fitView, screenToFlowPosition, togglePalette]);

  useEditorKeys(store, commands, pointer);

  return (
    <div className="editor">
      {/* The name is edited in the toolbar's text box; the page's heading names it for screen readers. */}
      <h1 className="sr-only">{name.trim() || 'Untitled workflow'}: editor</h1>
      <a
        className="skip-link"
        href="#canvas"
        onClick={(e) => {
          e.preventDefault();
          const s = store.getState();
          focusStep(stepOrder(s.nodes.filter(isStepNode), s.edges)[0] ?? '');
        }}
      >
        Skip to the canvas
      </a>
      <EditorToolbar commands={commands} onVersions={() => setVersions(true)} onHelp={() => setHelp(true)} />
      <div ref={bodyRef} className={`editor-body${canEdit ? '' : ' view-only'}`} style={panels.style}>
        {canEdit ? <Palette searchRef={searchRef} collapsed={panels.layout.paletteCollapsed} onToggle={togglePalette} /> : null}
        <div className="editor-center">
          <IssuesPanel />
          <Canvas pointer={pointer} />
          <RunPanel />
        </div>
        {panels.layout.inspectorCollapsed ? null : <InspectorResizer width={panels.inspectorWidth} bounds={panels.bounds} onResize={panels.setInspectorWidth} />}
        <SidePanel collapsed={panels.layout.inspectorCollapsed} onToggle={panels.toggleInspector} />
      </div>
      <ShortcutsDialog open={help} onClose={() => setHelp(false)} />
      <VersionsDialog open={versions} onClose={() => setVersions(false)} />
      <ConnectDialog />
    </div>
  );
}

/** The workflow editor: loads the workflow (or starts a new one) and guards unsaved changes. */
export function EditorPage({ workflowId }: { workflowId: string | null }) {
  const store = useAppStore();
  const loadState = useApp((s) => s.loadState);
  const loadError = useApp((s) => s.loadError);
  const loadedId = useApp((s) => s.workflowId);
  const openSeq = useApp((s) => s.openSeq);

  useEffect(() => {
    const s = store.getState();
    void s.loadCatalog();
    // After the first save of a new workflow the URL gains its id; the open state is already it.
    if (workflowId !== null && workflowId === s.workflowId && s.loadState === 'ready') return;
    if (workflowId === null) s.newWorkflow();
    else void s.loadWorkflow(workflowId).then(() => store.getState().loadLatestRun());
  }, [store, workflowId]);

  useEffect(() => {
    const unguard = setNavigationGuard(() => !store.getState().dirty || window.confirm(LEAVE_MESSAGE));
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (store.getState().dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      unguard();
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [store]);

  if (loadState === 'loading' || (workflowId !== null && loadedId !== workflowId)) return <LoadingState label="Opening workflow…" />;
  if (loadState === 'error') return <ErrorState message={loadError ?? 'Could not open the workflow.'} onRetry={() => workflowId && void store.getState().loadWorkflow(workflowId)} />;
  return (
    <ReactFlowProvider key={openSeq}>
      <EditorBody />
    </ReactFlowProvider>
  );
}
