import { useEffect, type MutableRefObject } from 'react';
import { parseFragment, pickFragment, placeFragment, serializeFragment } from '../store/clipboard.js';
import { getNodeType } from '../../shared/nodes/registry.js';
import type { AppStore } from '../store/app-store.js';
import { isStepNode } from '../store/flow-types.js';
import { isEditable } from './shortcuts.js';
import { focusAfterDelete } from '../store/focus-after-delete.js';
import { focusStep } from './connect/step-name.js';

export interface EditorCommands {
  save: () => void;
  layout: () => void;
  fitView: () => void;
  addNote: () => void;
  focusSearch: () => void;
  showHelp: () => void;
  testRun: () => void;
}

const PASTE_NUDGE = 40;

/** Keyboard shortcuts and clipboard (copy, cut, paste as JSON) for the editor page. */
export function useEditorKeys(store: AppStore, commands: EditorCommands, pointer: MutableRefObject<{ x: number; y: number } | null>) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      const key = e.key.toLowerCase();
      const s = store.getState();
      if (mod && key === 's') {
        e.preventDefault();
        return commands.save();
      }
      if (mod && e.key === 'Enter') {
        e.preventDefault();
        return commands.testRun();
      }
      if (isEditable(e.target) || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if (mod && key === 'z') {
        e.preventDefault();
        return void (e.shiftKey ? s.redo() : s.undo());
      }
      if (mod && key === 'y') {
        e.preventDefault();
        return void s.redo();
      }
      if (mod && key === 'a') {
        e.preventDefault();
        return s.selectAll();
      }
      if (mod || e.altKey) return;
      if (e.key === 'Delete' || e.key === 'Backspace') {
        e.preventDefault();
        // Focus stays on the canvas, on the step the deleted connection came from, not the page's top.
        const next = focusAfterDelete(s.nodes, s.edges);
        if (s.deleteSelection()) focusStep(next ?? '');
        return;
      }
      if (key === 'c' && !e.shiftKey) {
        const sel = s.nodes.filter((n) => n.selected);
        if (sel.length === 1 && sel[0] && isStepNode(sel[0])) return s.setConnectPicker({ source: sel[0].id });
      }
      if (e.key === 'Escape') return s.select([]);
      if (e.shiftKey && key === 'l') return commands.layout();
      if (e.shiftKey && (e.key === '!' || e.code === 'Digit1')) return commands.fitView();
      if (key === 'n' && !e.shiftKey) return commands.addNote();
      if (e.key === '/') {
        e.preventDefault();
        return commands.focusSearch();
      }
      if (e.key === '?') return commands.showHelp();
    };

    const selectionText = (): string | undefined => {
      const s = store.getState();
      const ids = new Set(s.nodes.filter((n) => n.selected).map((n) => n.id));
      if (!ids.size) return undefined;
      return serializeFragment(pickFragment(s.graphDoc(), ids));
    };
    const canUseClipboard = (e: ClipboardEvent) => !isEditable(e.target) && !document.querySelector('dialog[open]') && (window.getSelection()?.isCollapsed ?? true);

    const onCopy = (e: ClipboardEvent) => {
      if (!canUseClipboard(e)) return;
      const text = selectionText();
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      if (e.type === 'cut') store.getState().deleteSelection();
      const n = JSON.parse(text).nodes.length + JSON.parse(text).notes.length;
      store.getState().toast('info', `${e.type === 'cut' ? 'Cut' : 'Copied'} ${n} item${n === 1 ? '' : 's'} as JSON.`);
    };

    const onPaste = (e: ClipboardEvent) => {
      if (!canUseClipboard(e)) return;
      const frag = parseFragment(e.clipboardData?.getData('text/plain') ?? '');
      if (!frag) return;
      e.preventDefault();
      const s = store.getState();
      const all = [...frag.nodes.map((n) => n.position), ...frag.notes.map((n) => n.position)];
      const minX = Math.min(...all.map((p) => p.x));
      const minY = Math.min(...all.map((p) => p.y));
      const at = pointer.current;
      const offset = at ? { x: Math.round(at.x - minX), y: Math.round(at.y - minY) } : { x: PASTE_NUDGE, y: PASTE_NUDGE };
      const hasTrigger = s.nodes.some((n) => isStepNode(n) && getNodeType(n.data.nodeType)?.kind === 'trigger');
      const placed = placeFragment(frag, new Set(s.nodes.map((n) => n.id)), offset, (t) => getNodeType(t)?.kind === 'trigger', hasTrigger);
      if (placed.nodes.length + placed.notes.length === 0) {
        s.toast('error', 'Nothing to paste: this workflow already has a trigger.');
        return;
      }
      s.insertDoc(placed);
      if (placed.skippedTriggers) s.toast('info', 'The copied trigger was left out: this workflow already has one.');
    };

    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, commands, pointer]);
}
