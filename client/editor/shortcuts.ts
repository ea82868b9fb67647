/** Every editor shortcut, shown in the help dialog; `mod` is ⌘ on macOS and Ctrl elsewhere. */
export const shortcuts: { keys: string[]; does: string }[] = [
  { keys: ['mod', 'S'], does: 'Save a new version' },
  { keys: ['mod', 'Z'], does: 'Undo' },
  { keys: ['mod', 'Shift', 'Z'], does: 'Redo (also mod + Y)' },
  { keys: ['mod', 'C'], does: 'Copy the selection as JSON' },
  { keys: ['mod', 'X'], does: 'Cut the selection' },
  { keys: ['mod', 'V'], does: 'Paste nodes (also from another workflow)' },
  { keys: ['mod', 'A'], does: 'Select everything' },
  { keys: ['Delete'], does: 'Delete the selection (also Backspace)' },
  { keys: ['Tab'], does: 'Move between steps and connections; Enter selects the focused one' },
  { keys: ['C'], does: 'Connect the selected step to another (also “Connect to…” in the inspector)' },
  { keys: ['Shift', 'drag'], does: 'Select with a box' },
  { keys: ['mod', 'click'], does: 'Add to the selection' },
  { keys: ['Shift', 'L'], does: 'Auto-layout' },
  { keys: ['Shift', '1'], does: 'Fit the workflow in view' },
  { keys: ['N'], does: 'Add a sticky note' },
  { keys: ['/'], does: 'Search the palette' },
  { keys: ['mod', 'Enter'], does: 'Test run' },
  { keys: ['Esc'], does: 'Clear the selection' },
  { keys: ['?'], does: 'Show this list' },
];

/** Typing in a field must never trigger canvas shortcuts. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // A CodeMirror field lives in a shadow root (code/use-code-mirror.ts): its events arrive at the host.
  const inner = target.shadowRoot?.activeElement;
  if (inner) return isEditable(inner);
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
