import { useApp, useAppStore } from '../../store/store-context.js';

/**
 * One key of the open workflow's `settings`, for a field of the settings panel: the schema's
 * problems with it (in words), and a setter that marks the workflow edited and checks it again
 * (undefined removes the key).
 */
export function useSetting(key: string) {
  const store = useAppStore();
  const problems = useApp((s) =>
    s.validation.issues
      .filter((i) => i.path.startsWith(`settings.${key}`))
      .map((i) => i.message)
      .join(' '),
  );
  const set = (next: unknown) => {
    const s = store.getState();
    const settings = { ...s.settings };
    if (next === undefined) delete settings[key];
    else settings[key] = next;
    store.setState({ settings, dirty: true, edits: s.edits + 1 });
    s.revalidate();
  };
  return { problems, set };
}
