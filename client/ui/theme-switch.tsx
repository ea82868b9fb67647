import { Monitor, Moon, Sun } from 'lucide-react';
import { nextChoice, setThemeChoice, useTheme } from './theme.js';

const ICON = { system: Monitor, light: Sun, dark: Moon } as const;
const WORD = { system: 'system', light: 'light', dark: 'dark' } as const;

/** One button that cycles the theme: the system's, light, dark. It says what is on and what a press gives. */
export function ThemeSwitch({ className }: { className?: string }) {
  const { choice, theme } = useTheme();
  const Glyph = ICON[choice];
  const next = nextChoice(choice);
  const now = choice === 'system' ? `system (${theme})` : WORD[choice];
  return (
    <button
      type="button"
      className={className}
      onClick={() => setThemeChoice(next)}
      data-theme-choice={choice}
      aria-label={`Theme: ${now}. Switch to ${WORD[next]}`}
      title={`Theme: ${now}. Click for ${WORD[next]}.`}
    >
      <Glyph size={20} aria-hidden="true" />
    </button>
  );
}
