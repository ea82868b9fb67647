import type { ReactNode } from 'react';
import { Link } from '../router/link.js';
import type { Route } from '../router/router.js';
import { useApp } from '../store/store-context.js';
import { Icon, type IconName } from './icons.js';
import { ArrowLeftRight } from 'lucide-react';
import { ThemeSwitch } from './theme-switch.js';

const items: { to: string; label: string; icon: IconName; pages: Route['page'][] }[] = [
  { to: '/workflows', label: 'Workflows', icon: 'flow', pages: ['workflows', 'editor', 'templates'] },
  { to: '/runs', label: 'Runs', icon: 'runs', pages: ['runs', 'run'] },
  { to: '/settings', label: 'Settings', icon: 'settings', pages: ['settings'] },
];

/** The app frame: a slim navigation rail and the page. */
export function Shell({ route, children }: { route: Route; children: ReactNode }) {
  const user = useApp((s) => s.session.user);
  const signOut = useApp((s) => s.signOut);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="rail" aria-label="Main">
        <Link to="/workflows" className="rail-brand" aria-label="Switchyard home">
          <span className="brand-mark" aria-hidden="true">
            <ArrowLeftRight size={18} strokeWidth={2.4} />
          </span>
        </Link>
        {items.map((i) => {
          const current = i.pages.includes(route.page);
          return (
            <Link key={i.to} to={i.to} className={`rail-item${current ? ' active' : ''}`} aria-current={current ? 'page' : undefined} title={i.label}>
              <Icon name={i.icon} size={20} />
              <span>{i.label}</span>
            </Link>
          );
        })}
        <div className="rail-spacer" />
        <ThemeSwitch className="rail-item" />
        <div className="rail-user" title={user ? `${user.name} <${user.email}>` : ''}>
          <span className="avatar" aria-hidden="true">
            {(user?.name ?? '?').slice(0, 1).toUpperCase()}
          </span>
        </div>
        <button type="button" className="rail-item" onClick={() => void signOut()} title="Sign out" aria-label="Sign out">
          <Icon name="logout" size={20} />
        </button>
      </nav>
      <main id="main" className="page">
        {children}
      </main>
    </div>
  );
}
