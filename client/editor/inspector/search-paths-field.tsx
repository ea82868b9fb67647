import { useId, useState } from 'react';
import { useCan } from '../../auth/can.js';
import { useApp } from '../../store/store-context.js';
import { useSetting } from './use-setting.js';
import { SettingField } from './setting-field.js';

const NONE: readonly string[] = [];
const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * `settings.searchPaths`: trigger-body paths runs of this workflow are searched by, one a line.
 * The typed text is kept as typed (an empty line while typing stays); the settings get its lines.
 */
export function SearchPathsField() {
  const id = useId();
  const canEdit = useCan('edit');
  const paths = useApp((s) => (Array.isArray(s.settings.searchPaths) ? (s.settings.searchPaths as string[]) : NONE));
  const { problems, set } = useSetting('searchPaths');
  const [text, setText] = useState(() => paths.join('\n'));
  // Another workflow opened, or an undo: show the settings' list again.
  if (linesOf(text).join('\n') !== paths.join('\n')) setText(paths.join('\n'));

  const change = (next: string) => {
    setText(next);
    const lines = linesOf(next);
    set(lines.length ? lines : undefined);
  };

  return (
    <SettingField
      id={id}
      label="Searchable paths"
      problems={problems}
      help="One path into the trigger body a line, at most 5: runs of this workflow are then found by it at once, however old (Runs, the trigger value search). Save to apply."
    >
      <textarea
        id={id}
        className="input mono"
        rows={3}
        value={text}
        onChange={(e) => change(e.target.value)}
        placeholder="trigger.body.data.object.id"
        aria-invalid={Boolean(problems)}
        aria-describedby={`${id}-help`}
        disabled={!canEdit}
        spellCheck={false}
      />
    </SettingField>
  );
}
