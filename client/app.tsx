import { lazy, Suspense, useEffect } from 'react';
import { SetupPage } from './auth/setup-page.js';
import { SignInPage } from './auth/sign-in-page.js';
import { InvitePage } from './auth/invite-page.js';
import { ResetPage } from './auth/reset-page.js';
import { navigate, useRoute, type Route } from './router/router.js';
import { useApp } from './store/store-context.js';
import { Shell } from './ui/shell.js';
import { EmptyState, ErrorState, LoadingState } from './ui/states.js';
import { ToastHost } from './ui/toasts.js';
import { WorkflowsPage } from './workflows/workflows-page.js';
import { RunsPage } from './runs/runs-page.js';
import { SettingsPage } from './settings/settings-page.js';

// The canvas (React Flow) loads with the editor and run pages, keeping the first screen light.
const EditorPage = lazy(() => import('./editor/editor-page.js').then((m) => ({ default: m.EditorPage })));
const RunDetailPage = lazy(() => import('./runs/run-detail-page.js').then((m) => ({ default: m.RunDetailPage })));
const TemplatesPage = lazy(() => import('./templates/templates-page.js').then((m) => ({ default: m.TemplatesPage })));

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'workflows':
      return <WorkflowsPage />;
    case 'editor':
      return <EditorPage workflowId={route.workflowId} />;
    case 'runs':
      return <RunsPage search={route} />;
    case 'run':
      return <RunDetailPage key={route.runId} runId={route.runId} />;
    case 'settings':
      return <SettingsPage />;
    case 'templates':
      return <TemplatesPage templateId={route.templateId} />;
    case 'invite':
    case 'reset':
      return null; // shown before the sign-in gate, see App
    case 'not-found':
      return (
        <EmptyState
          icon="alert"
          title="Page not found"
          action={
            <button className="button" onClick={() => navigate('/workflows')}>
              Go to workflows
            </button>
          }
        >
          Nothing lives at {route.path}.
        </EmptyState>
      );
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}

/** The app: checks the session first, then shows setup, sign-in or the pages. */
export function App() {
  const session = useApp((s) => s.session);
  const loadSession = useApp((s) => s.loadSession);
  const route = useRoute();
  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  let body;
  // One-time links work signed in or not: they create or replace the session.
  if (route.page === 'invite') body = <InvitePage token={route.token} />;
  else if (route.page === 'reset') body = <ResetPage token={route.token} />;
  else if (session.status === 'loading')
    body = (
      <div className="center-screen">
        <LoadingState label="Starting Switchyard…" />
      </div>
    );
  else if (session.status === 'error')
    body = (
      <div className="center-screen">
        <ErrorState message={session.error ?? 'Unknown error'} onRetry={() => void loadSession()} />
      </div>
    );
  else if (session.setupRequired) body = <SetupPage />;
  else if (!session.user) body = <SignInPage />;
  else {
    body = (
      <Shell route={route}>
        <Suspense fallback={<LoadingState />}>
          <Page route={route} />
        </Suspense>
      </Shell>
    );
  }
  return (
    <>
      {body}
      <ToastHost />
    </>
  );
}
