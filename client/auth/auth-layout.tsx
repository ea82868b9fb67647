import type { ReactNode } from 'react';
import { ArrowLeftRight } from 'lucide-react';

/** The centred card used by sign-in and first-run setup. */
export function AuthLayout({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            <ArrowLeftRight size={18} strokeWidth={2.4} />
          </span>{' '}
          Switchyard
        </div>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
        {children}
      </div>
    </main>
  );
}
