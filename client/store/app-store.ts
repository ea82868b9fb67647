import { createStore, type StoreApi } from 'zustand/vanilla';
import { createCatalogSlice, type CatalogSlice } from './catalog-slice.js';
import { createCredentialsSlice, type CredentialsSlice } from './credentials-slice.js';
import { createGraphSlice, type GraphSlice } from './graph-slice.js';
import { createHistorySlice, type HistorySlice } from './history-slice.js';
import { createRunSlice, type RunSlice } from './run-slice.js';
import { createSessionSlice, type SessionSlice } from './session-slice.js';
import type { StoreDeps } from './slice.js';
import { createUiSlice, type UiSlice } from './ui-slice.js';
import { createWorkflowSlice, type WorkflowSlice } from './workflow-slice.js';

/** The whole client state: one zustand store made of slices. */
export type AppState = GraphSlice & HistorySlice & WorkflowSlice & RunSlice & CatalogSlice & SessionSlice & UiSlice & CredentialsSlice;
export type AppStore = StoreApi<AppState>;

/** Builds the store; the app makes one, tests make as many as they like. */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createGraphSlice(deps)(...a),
    ...createHistorySlice(deps)(...a),
    ...createWorkflowSlice(deps)(...a),
    ...createRunSlice(deps)(...a),
    ...createCatalogSlice(deps)(...a),
    ...createSessionSlice(deps)(...a),
    ...createUiSlice(deps)(...a),
    ...createCredentialsSlice(deps)(...a),
  }));
}
