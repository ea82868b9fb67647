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
  toast: (kind: ToastKind, message: string) => void;
  dismissToast: (id: number) => void;
  setIssuesOpen: (open: boolean) => void;
  setBottomOpen: (open: boolean) => void;
}

let nextToast = 1;

export const createUiSlice: Slice<UiSlice> = () => (set, get) => ({
  toasts: [],
  issuesOpen: false,
  bottomOpen: false,
  toast: (kind, message) => set({ toasts: [...get().toasts.slice(-4), { id: nextToast++, kind, message }] }),
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  setIssuesOpen: (issuesOpen) => set({ issuesOpen }),
  setBottomOpen: (bottomOpen) => set({ bottomOpen }),
});
