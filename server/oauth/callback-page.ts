import { randomBytes } from 'node:crypto';
import type { CallbackResult } from './connect-flow.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
// JSON inside a <script>: "<" escaped so no "</script>" can end it early.
const scriptJson = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

/** The message the callback posts to the editor window that opened it (`event.data`). */
export interface CallbackMessage {
  type: 'switchyard:oauth';
  ok: boolean;
  credentialId?: string;
  account?: string | null;
  message?: string;
}

/**
 * The page the provider sends the person back to: it says in words what happened, tells the
 * window that opened it (only if that window is this server's own origin), and closes itself
 * after a success. Its one inline script runs under a nonce of its own; nothing else may.
 */
export function callbackPage(result: CallbackResult, origin: string): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const message: CallbackMessage = result.ok
    ? { type: 'switchyard:oauth', ok: true, credentialId: result.credentialId, account: result.account }
    : { type: 'switchyard:oauth', ok: false, ...(result.credentialId ? { credentialId: result.credentialId } : {}), message: result.message };
  const title = result.ok ? 'Connected' : 'Not connected';
  const words = result.ok ? `"${result.name}" is connected${result.account ? ` as ${result.account}` : ''}. You can close this window.` : result.message;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · Switchyard</title>
<style nonce="${nonce}">body{font:16px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color:#1f2328}h1{font-size:1.3rem}.bad{color:#b42318}</style></head>
<body><h1 class="${result.ok ? '' : 'bad'}">${title}</h1><p id="words">${escapeHtml(words)}</p>
<script nonce="${nonce}">
(function(){var m=${scriptJson(message)};var o=${scriptJson(origin)};
if(window.opener&&!window.opener.closed){try{window.opener.postMessage(m,o);}catch(e){}if(m.ok){setTimeout(function(){window.close();},400);}}})();
</script></body></html>`;
  return { html, csp: `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'` };
}
