import type { CanvasSize, MinimapPreference } from '../editor/canvas-chrome.js';
import type { Slice } from './slice.js';

export type ToastKind = 'success' | 'error' | 'info';
export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

/** Cross-page UI state: toasts and which editor panels are open. */
export interface UiSlice {
  toasts: Toast[];
  issuesOpen: boolean;
  bottomOpen: boolean;
  /** The canvas' size on screen, measured; null before it is laid out. */
  canvasSize: CanvasSize | null;
  minimapPref: MinimapPreference;
  /** The open "Connect to…" list: from which step, and the edge it rewires (else it adds one). */
  connectPicker: ConnectPicker | null;
  toast: (kind: ToastKind, message: string) => void;
  dismissToast: (id: number) => void;
  setIssuesOpen: (open: boolean) => void;
  setBottomOpen: (open: boolean) => void;
  setCanvasSize: (size: CanvasSize) => void;
  setMinimapPref: (pref: MinimapPreference) => void;
  setConnectPicker: (picker: ConnectPicker | null) => void;
}

export interface ConnectPicker {
  source: string;
  edgeId?: string;
}

let nextToast = 1;

export const createUiSlice: Slice<UiSlice> = () => (set, get) => ({
  toasts: [],
  issuesOpen: false,
  bottomOpen: false,
  canvasSize: null,
  minimapPref: 'auto',
  connectPicker: null,
  toast: (kind, message) => set({ toasts: [...get().toasts.slice(-4), { id: nextToast++, kind, message }] }),
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  setIssuesOpen: (issuesOpen) => set({ issuesOpen }),
  setBottomOpen: (bottomOpen) => set({ bottomOpen }),
  setCanvasSize: (canvasSize) => set({ canvasSize }),
  setMinimapPref: (minimapPref) => set({ minimapPref }),
  setConnectPicker: (connectPicker) => set({ connectPicker }),
});
