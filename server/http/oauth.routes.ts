import { Router, type Request } from 'express';
import type { AuthService } from '../services/auth-service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { principalOf } from './require-auth.js';
import { AppError } from '../../shared/errors.js';
import { CALLBACK_PATH, type ConnectFlow } from '../oauth/connect-flow.js';
import { callbackPage } from '../oauth/callback-page.js';
import type { OAuthTokens } from '../oauth/oauth-tokens.js';

/**
 * Connecting an OAuth2 credential, mounted at /api/credentials behind auth:
 * `POST /:id/oauth2/authorize` (the consent URL, or `{connected: true}` for client credentials)
 * and `DELETE /:id/oauth2` (forget the tokens). Neither answers a token, ever.
 */
export function createOAuthApiRouter(deps: { flow: ConnectFlow; tokens: Pick<OAuthTokens, 'disconnect'> }): Router {
  const r = Router();
  r.post('/:id/oauth2/authorize', async (req, res) => {
    const userId = principalOf(req).userId;
    if (userId === null) throw new AppError('FORBIDDEN', 403, 'Connecting an account needs a person: sign in, or use an API key made by a user.');
    res.json(await deps.flow.start(req.params.id, userId));
  });
  r.delete('/:id/oauth2', async (req, res) => {
    await deps.tokens.disconnect(req.params.id);
    res.status(204).end();
  });
  return r;
}

/**
 * `GET /oauth/callback`: where the provider sends the person back (outside /api: it is a page
 * in the person's browser). The session cookie (SameSite=Lax, so it comes along on this
 * top-level redirect) names who is signed in; the flow checks it is who clicked Connect.
 */
export function createOAuthCallbackRouter(deps: { flow: ConnectFlow; auth: Pick<AuthService, 'fromSession'>; publicUrl: string }): Router {
  const r = Router();
  const origin = new URL(deps.publicUrl).origin;
  const userOf = async (req: Request): Promise<string | null> => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await deps.auth.fromSession(token) : undefined;
    return session?.principal.userId ?? null;
  };
  r.get(CALLBACK_PATH, async (req, res) => {
    const query = new URL(req.originalUrl, 'http://callback').searchParams;
    const result = await deps.flow.finish(query, await userOf(req));
    const page = callbackPage(result, origin);
    res.setHeader('Content-Security-Policy', page.csp);
    res.setHeader('Cache-Control', 'no-store');
    // This page must still see the editor window that opened the popup (window.opener), after the provider's pages.
    res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
    res
      .status(result.ok ? 200 : 400)
      .type('html')
      .send(page.html);
  });
  return r;
}
