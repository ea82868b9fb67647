import { useState } from 'react';
import { useApp } from '../store/store-context.js';
import { AuthLayout } from './auth-layout.js';
import { passwordProblem, useAuthSubmit } from './use-auth-submit.js';

/** First run: create the owner account (only offered while the server says setup is required). */
export function SetupPage() {
  const setupOwner = useApp((s) => s.setupOwner);
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const { submit, error, busy } = useAuthSubmit(
    () => setupOwner(form),
    () => passwordProblem(form.password),
  );
  const field = (key: keyof typeof form) => ({ value: form[key], onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }) });
  return (
    <AuthLayout title="Welcome to Switchyard" subtitle="Create the owner account for this installation. You can add API keys for scripts later.">
      <form className="form-stack" onSubmit={submit}>
        <label className="field">
          <span>Your name</span>
          <input autoFocus required autoComplete="name" {...field('name')} />
        </label>
        <label className="field">
          <span>Email</span>
          <input type="email" required autoComplete="email" {...field('email')} />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" required minLength={8} autoComplete="new-password" {...field('password')} />
          <small className="muted">At least 8 characters.</small>
        </label>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating…' : 'Create owner account'}
        </button>
      </form>
    </AuthLayout>
  );
}
