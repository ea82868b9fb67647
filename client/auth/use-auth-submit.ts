import { useState, type FormEvent } from 'react';

/** The message for a new password that is too short (the server asks for 8 characters too). */
export const passwordProblem = (password: string) => (password.length < 8 ? 'Use at least 8 characters for the password.' : undefined);

/**
 * The submit of a sign-in page form: refuses with `check`'s message first, then runs `action` and
 * shows the message it throws. Stays busy after success, since the page is then left.
 */
export function useAuthSubmit(action: () => Promise<void>, check: () => string | undefined = () => undefined) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problem = check();
    if (problem) return setError(problem);
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return { submit, error, busy };
}
