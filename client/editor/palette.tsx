import { useReactFlow } from '@xyflow/react';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { NodeTypeInfo } from '../api/types.js';
import { categoryLabel, groupByCategory } from '../store/catalog.js';
import { isStepNode } from '../store/flow-types.js';
import { DEFAULT_NODE_SIZE } from '../store/layout.js';
import { useApp, useAppStore } from '../store/store-context.js';
import { Icon } from '../ui/icons.js';
import { ErrorState, LoadingState } from '../ui/states.js';
import { NODE_DRAG_TYPE } from './canvas.js';
import { NodeIcon } from '../ui/node-icon.js';

interface PaletteProps {
  searchRef: React.RefObject<HTMLInputElement | null>;
  /** Folded to a strip (more room for the canvas); its one button opens it again. */
  collapsed: boolean;
  onToggle: () => void;
}

/** Every node type from the server, grouped and searchable; drag onto the canvas, or Enter to add. */
export function Palette({ searchRef, collapsed, onToggle }: PaletteProps) {
  if (collapsed) {
    return (
      <aside className="palette palette-collapsed" aria-label="Node palette">
        <button type="button" className="icon-button" aria-expanded={false} aria-label="Show the palette" title="Show the palette" onClick={onToggle}>
          <Icon name="panelLeft" />
        </button>
      </aside>
    );
  }
  return <PaletteList searchRef={searchRef} onCollapse={onToggle} />;
}

function PaletteList({ searchRef, onCollapse }: { searchRef: PaletteProps['searchRef']; onCollapse: () => void }) {
  const catalog = useApp((s) => s.catalog);
  const loadCatalog = useApp((s) => s.loadCatalog);
  const store = useAppStore();
  const { screenToFlowPosition } = useReactFlow();
  const [query, setQuery] = useState('');
  const list = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => groupByCategory(catalog.types, query), [catalog.types, query]);
  // One Tab stop for the whole list (roving tabindex): the item last focused, else the first.
  const [current, setCurrent] = useState<string | undefined>(undefined);
  const shown = groups.flatMap((g) => g.types.map((t) => t.type));
  const tabStop = current !== undefined && shown.includes(current) ? current : shown[0];

  /** Adds a node; with one step selected, places it after that step and connects them. */
  const add = (info: NodeTypeInfo) => {
    const s = store.getState();
    const selected = s.nodes.filter(isStepNode).filter((n) => n.selected);
    const from = selected.length === 1 ? selected[0] : undefined;
    let position;
    if (from) {
      position = { x: from.position.x + (from.measured?.width ?? DEFAULT_NODE_SIZE.width) + 80, y: from.position.y };
    } else {
      const rect = document.querySelector('.editor-canvas')?.getBoundingClientRect();
      const center = rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
      const nudge = (s.nodes.length % 5) * 24;
      position = { x: Math.round(center.x - DEFAULT_NODE_SIZE.width / 2 + nudge), y: Math.round(center.y - DEFAULT_NODE_SIZE.height / 2 + nudge) };
    }
    const res = s.addNode(info, position);
    if (res.problem) return s.toast('error', res.problem);
    if (from && res.id && info.kind !== 'trigger') {
      const out = s.typeInfo(from.data.nodeType)?.outputs[0]?.id ?? 'out';
      store.getState().connect({ source: from.id, sourceHandle: out, target: res.id, targetHandle: 'in' });
    }
  };

  /** Arrow keys move between items (one Tab stop holds them all), so the palette works without a mouse. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('.palette-add') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'ArrowDown' ? items[Math.min(items.length - 1, i + 1)] : i <= 0 ? searchRef.current : items[i - 1];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  };

  return (
    <aside className="palette" aria-label="Node palette" onKeyDown={onKeyDown}>
      <PaletteSearch searchRef={searchRef} query={query} onQuery={setQuery} onEnter={() => groups[0]?.types[0] && add(groups[0].types[0])} onCollapse={onCollapse} />
      {catalog.status === 'loading' || catalog.status === 'idle' ? <LoadingState label="Loading steps…" /> : null}
      {catalog.status === 'error' ? <ErrorState message={catalog.error ?? ''} onRetry={() => void loadCatalog()} /> : null}
      <div className="palette-groups" ref={list}>
        {groups.map((g) => (
          <section key={g.category} aria-label={categoryLabel(g.category)}>
            <h2 className="palette-heading">{categoryLabel(g.category)}</h2>
            {g.types.map((t) => (
              // The whole row is the button's (its ::after covers the row), but only the title is
              // inside it: the name "Add <title>" then holds all of its visible text, and the
              // description is read as the button's description.
              <div key={t.type} className={`palette-item cat-${t.category}`} data-type={t.type}>
                <span className="node-icon" aria-hidden="true">
                  <NodeIcon type={t.type} />
                </span>
                <span className="palette-text">
                  <button
                    type="button"
                    className="palette-add"
                    draggable
                    data-type={t.type}
                    tabIndex={t.type === tabStop ? 0 : -1}
                    onFocus={() => setCurrent(t.type)}
                    title={`${t.description} Drag onto the canvas, or press Enter to add.`}
                    aria-label={`Add ${t.title}`}
                    aria-describedby={`palette-desc-${t.type}`}
                    onDragStart={(e) => {
                      e.dataTransfer.setData(NODE_DRAG_TYPE, t.type);
                      e.dataTransfer.effectAllowed = 'copy';
                    }}
                    onClick={() => add(t)}
                  >
                    {t.title}
                  </button>
                  <span className="palette-desc" id={`palette-desc-${t.type}`}>
                    {t.description}
                  </span>
                </span>
              </div>
            ))}
          </section>
        ))}
        {catalog.status === 'ready' && groups.length === 0 ? <p className="muted small">No step matches “{query}”.</p> : null}
      </div>
    </aside>
  );
}

/** The palette's search box (Enter adds the first match) and its button to fold it away. */
function PaletteSearch(props: { searchRef: PaletteProps['searchRef']; query: string; onQuery: (q: string) => void; onEnter: () => void; onCollapse: () => void }) {
  return (
    <div className="palette-top">
      <label className="search-box search-small">
        <Icon name="search" size={14} />
        <input
          ref={props.searchRef}
          type="search"
          placeholder="Search steps  ( / )"
          aria-label="Search node types"
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') props.onEnter();
          }}
        />
      </label>
      <button type="button" className="icon-button" aria-expanded={true} aria-label="Hide the palette" title="Hide the palette (more room for the canvas)" onClick={props.onCollapse}>
        <Icon name="panelLeft" />
      </button>
    </div>
  );
}
