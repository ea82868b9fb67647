import { useSyncExternalStore } from 'react';
import { runSearchFromQuery, type RunSearch } from '../runs/run-search.js';

/** Every page of the app, parsed from the URL path (history routing; the server falls back to index.html). */
export type Route =
  | { page: 'workflows' }
  | { page: 'editor'; workflowId: string | null }
  | ({ page: 'runs' } & RunSearch)
  | { page: 'run'; runId: string }
  | { page: 'settings' }
  | { page: 'templates'; templateId?: string }
  | { page: 'invite'; token: string }
  | { page: 'reset'; token: string }
  | { page: 'not-found'; path: string };

/** Reads a route from a path and query string. Pure, so it is unit-tested. */
export function parseRoute(pathname: string, search = ''): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const q = new URLSearchParams(search);
  const [a, b, ...rest] = parts;
  if (rest.length) return { page: 'not-found', path: pathname };
  if (a === undefined || (a === 'workflows' && b === undefined)) return { page: 'workflows' };
  if (a === 'workflows' && b !== undefined) return { page: 'editor', workflowId: b === 'new' ? null : b };
  if (a === 'runs' && b === undefined) {
    return { page: 'runs', ...runSearchFromQuery(q) };
  }
  if (a === 'runs' && b !== undefined) return { page: 'run', runId: b };
  if (a === 'settings' && b === undefined) return { page: 'settings' };
  if (a === 'templates') return b === undefined ? { page: 'templates' } : { page: 'templates', templateId: b };
  if (a === 'invite' && b !== undefined) return { page: 'invite', token: b };
  if (a === 'reset-password' && b !== undefined) return { page: 'reset', token: b };
  return { page: 'not-found', path: pathname };
}

/** A check before leaving the page (unsaved changes); returns false to stay. */
type Guard = () => boolean;
let guard: Guard | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

/** Installs the leave check; returns a function that removes it. */
export function setNavigationGuard(g: Guard): () => void {
  guard = g;
  return () => {
    if (guard === g) guard = null;
  };
}

/** Goes to an app path through the history API, asking the guard first. */
export function navigate(to: string, opts: { replace?: boolean; force?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (!opts.force && guard && !guard()) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  emit();
}

let lastKey = '';
let lastRoute: Route = { page: 'workflows' };
function snapshot(): Route {
  const key = location.pathname + location.search;
  if (key !== lastKey) {
    lastKey = key;
    lastRoute = parseRoute(location.pathname, location.search);
  }
  return lastRoute;
}

let popInstalled = false;
/** Back/forward: when the guard says stay, put the page we are on back on top of the history. */
function onPop() {
  if (guard && !guard()) {
    history.pushState(null, '', lastKey);
    return;
  }
  emit();
}

function subscribe(cb: () => void) {
  if (!popInstalled) {
    popInstalled = true;
    window.addEventListener('popstate', onPop);
  }
  listeners.add(cb);
  return () => {
    listeners.delete(cb);
  };
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
