import type { OAuthStart } from '../api/credential-schemas.js';

/** What the callback page posts to this window (server/oauth/callback-page.ts). */
export interface OAuthOutcome {
  ok: boolean;
  credentialId?: string;
  account?: string | null;
  message?: string;
}

const isOutcome = (d: unknown): d is OAuthOutcome & { type: 'switchyard:oauth' } => typeof d === 'object' && d !== null && (d as { type?: unknown }).type === 'switchyard:oauth';

/**
 * Runs a Connect: asks the server for the consent URL, opens it in a popup, and resolves with
 * what the callback page posts back (only messages from this origin count). A popup closed
 * before answering resolves as "not connected"; client credentials resolve at once.
 */
export async function connectInPopup(start: () => Promise<OAuthStart>): Promise<OAuthOutcome> {
  // Opened before the request so the browser sees it as the click's own window (no popup blocker).
  const popup = window.open('about:blank', 'switchyard-oauth', 'popup,width=520,height=680');
  let started: OAuthStart;
  try {
    started = await start();
  } catch (e) {
    popup?.close();
    throw e;
  }
  if ('connected' in started) {
    popup?.close();
    return { ok: true };
  }
  if (!popup) return { ok: false, message: 'The browser blocked the sign-in window; allow popups for this site and click Connect again.' };
  popup.location.href = started.authorizationUrl;
  return new Promise((resolve) => {
    const done = (o: OAuthOutcome) => {
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
      resolve(o);
    };
    const onMessage = (e: MessageEvent) => {
      if (e.origin === window.location.origin && isOutcome(e.data)) done(e.data);
    };
    window.addEventListener('message', onMessage);
    // A window the person closed without finishing says nothing: notice it.
    const watch = setInterval(() => {
      if (popup.closed) done({ ok: false, message: 'The sign-in window was closed before it finished; nothing was connected.' });
    }, 500);
  });
}
