import { useState } from 'react';
import { useAsync } from '../lib/use-async.js';
import { navigate } from '../router/router.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { LoadingState } from '../ui/states.js';
import { AuthLayout } from './auth-layout.js';
import { passwordProblem, useAuthSubmit } from './use-auth-submit.js';

/** A one-time password reset link from the owner: set a new password, then you are signed in. */
export function ResetPage({ token }: { token: string }) {
  const api = useApi();
  const loadSession = useApp((s) => s.loadSession);
  const { state } = useAsync(() => api.access.resets.inspect(token).then((r) => r.reset), [api, token]);
  const [password, setPassword] = useState('');
  const { submit, error, busy } = useAuthSubmit(
    async () => {
      await api.access.resets.complete(token, password);
      navigate('/workflows', { replace: true, force: true });
      await loadSession();
    },
    () => passwordProblem(password),
  );

  if (state.status === 'loading')
    return (
      <AuthLayout title="Reset password" subtitle="Checking the link…">
        <LoadingState />
      </AuthLayout>
    );
  if (state.status === 'error') {
    return (
      <AuthLayout title="This link cannot be used" subtitle={state.error}>
        <button type="button" className="button button-block" onClick={() => navigate('/', { replace: true, force: true })}>
          Go to sign-in
        </button>
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Choose a new password" subtitle={`For ${state.data.name} (${state.data.email}). Every other session of this account will be signed out.`}>
      <form className="form-stack" onSubmit={submit}>
        <input type="email" value={state.data.email} readOnly hidden autoComplete="username" />
        <label className="field">
          <span>New password</span>
          <input type="password" autoFocus required minLength={8} autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <small className="muted">At least 8 characters.</small>
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="button button-primary button-block" disabled={busy}>
          {busy ? 'Saving…' : 'Set password and sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
