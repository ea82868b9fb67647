import { useState } from 'react';
import { useAsync } from '../lib/use-async.js';
import { navigate } from '../router/router.js';
import { useApp } from '../store/store-context.js';
import { useApi } from '../ui/api-context.js';
import { LoadingState } from '../ui/states.js';
import { AuthLayout } from './auth-layout.js';
import { passwordProblem, useAuthSubmit } from './use-auth-submit.js';

const roleText: Record<string, string> = {
  owner: 'an owner: you can do everything, including managing people',
  editor: 'an editor: you can build and run workflows and use credentials',
  viewer: 'a viewer: you can look at workflows and runs',
};

/** Sign-up from an invitation link: the invitee picks a name and a password and arrives signed in. */
export function InvitePage({ token }: { token: string }) {
  const api = useApi();
  const loadSession = useApp((s) => s.loadSession);
  const { state } = useAsync(() => api.access.invites.inspect(token).then((r) => r.invite), [api, token]);
  const [form, setForm] = useState({ name: '', password: '' });
  const { submit, error, busy } = useAuthSubmit(
    async () => {
      await api.access.invites.accept(token, form);
      navigate('/workflows', { replace: true, force: true });
      await loadSession();
    },
    () => passwordProblem(form.password),
  );

  if (state.status === 'loading')
    return (
      <AuthLayout title="Invitation" subtitle="Checking your invitation…">
        <LoadingState />
      </AuthLayout>
    );
  if (state.status === 'error') {
    return (
      <AuthLayout title="This invitation cannot be used" subtitle={state.error}>
        <button type="button" className="button button-block" onClick={() => navigate('/', { replace: true, force: true })}>
          Go to sign-in
        </button>
      </AuthLayout>
    );
  }
  const invite = state.data;
  return (
    <AuthLayout title="Join Switchyard" subtitle={`${invite.invitedBy ?? 'The owner'} invited ${invite.email} as ${roleText[invite.role] ?? invite.role}.`}>
      <form className="form-stack" onSubmit={submit}>
        <label className="field">
          <span>Email</span>
          <input type="email" value={invite.email} readOnly autoComplete="username" />
        </label>
        <label className="field">
          <span>Your name</span>
          <input autoFocus required autoComplete="name" maxLength={200} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" required minLength={8} autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
          <small className="muted">At least 8 characters.</small>
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
    </AuthLayout>
  );
}
