import type { StateCreator } from 'zustand';
import type { Api } from '../api/client.js';
import type { AppState } from './app-store.js';

/** What the store's actions may use from outside: the API and a clock, injected for tests. */
export interface StoreDeps {
  api: Api;
  now: () => number;
}

/** A slice of the one app store, given the whole state and the injected dependencies. */
export type Slice<T> = (deps: StoreDeps) => StateCreator<AppState, [], [], T>;
