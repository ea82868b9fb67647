import { useSyncExternalStore } from 'react';

/**
 * Light and dark themes: the system's (prefers-color-scheme) unless a person picks one, kept
 * in localStorage. The resolved theme is `data-theme` on <html>, which tokens.css reads;
 * public/theme-init.js sets it before the first paint with the same rule.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'switchyard.theme';
const DARK = '(prefers-color-scheme: dark)';
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

const systemTheme = (): Theme => (window.matchMedia?.(DARK).matches ? 'dark' : 'light');
const resolve = (choice: ThemeChoice): Theme => (choice === 'system' ? systemTheme() : choice);

function apply() {
  document.documentElement.dataset.theme = resolve(readChoice());
  for (const l of listeners) l();
}

/** Stores a choice and applies it at once. */
export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // Storage off: the choice lasts until the page is left.
  }
  apply();
}

/** The next choice of the theme button: system, light, dark, and round again. */
export const nextChoice = (c: ThemeChoice): ThemeChoice => (c === 'system' ? 'light' : c === 'light' ? 'dark' : 'system');

function subscribe(listener: () => void) {
  listeners.add(listener);
  const media = window.matchMedia?.(DARK);
  media?.addEventListener('change', apply);
  return () => {
    listeners.delete(listener);
    media?.removeEventListener('change', apply);
  };
}

const snapshot = () => `${readChoice()}:${resolve(readChoice())}`;

/** The stored choice and the theme it resolves to, following the system's changes live. */
export function useTheme(): { choice: ThemeChoice; theme: Theme } {
  const [choice, theme] = useSyncExternalStore(subscribe, snapshot).split(':') as [ThemeChoice, Theme];
  return { choice, theme };
}
