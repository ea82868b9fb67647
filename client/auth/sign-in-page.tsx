import { useState } from 'react';
import { useApp } from '../store/store-context.js';
import { AuthLayout } from './auth-layout.js';
import { useAuthSubmit } from './use-auth-submit.js';

export function SignInPage() {
  const signIn = useApp((s) => s.signIn);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { submit, error, busy } = useAuthSubmit(() => signIn(email, password));
  return (
    <AuthLayout title="Sign in" subtitle="Build, test and watch your workflows.">
      <form className="form-stack" onSubmit={submit}>
        <label className="field">
          <span>Email</span>
          <input type="email" autoFocus required autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="button button-primary button-block" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </AuthLayout>
  );
}
