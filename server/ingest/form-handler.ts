import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FormConfig } from '../../shared/nodes/form.node.js';
import { formHtml, messageHtml, thankYouHtml } from './form-page.js';
import { writeIngestOutcome, type IngestOutcome } from './ingest-outcome.js';
import type { RejectedRequest } from './rejection-inbox.js';
import type { TriggerResolver } from './trigger-resolver.js';

export interface FormHandlerDeps {
  resolver: TriggerResolver;
  /** The ingest decision: rate limit, size, durable store (ingest-decision.ts), the same path as a webhook's. */
  decide: (req: IncomingMessage, token: string, url: URL) => Promise<IngestOutcome>;
  onRejected?: (rejection: RejectedRequest) => void;
}

/**
 * The page's own policy: no script at all, its one inline style allowed by nonce, submissions
 * only to this server (and the configured redirect's origin: browsers apply form-action to the
 * redirect after a post), never framed.
 */
function securityHeaders(nonce: string, form: FormConfig | undefined): Record<string, string> {
  const redirect = form?.redirectUrl ? ` ${new URL(form.redirectUrl).origin}` : '';
  return {
    'content-security-policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'${redirect}; base-uri 'none'; frame-ancestors 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
  };
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), ...headers });
  res.end(html);
}

/** A browser posting the page (rather than a program posting JSON): it gets pages back, not JSON. */
function fromBrowser(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded' && (req.headers.accept ?? '').includes('text/html');
}

/** The answer to a browser's post, as pages: the thank-you (or the redirect), the form with its errors, or a message. */
function writeForBrowser(res: ServerResponse, o: IngestOutcome, form: FormConfig, action: string, nonce: string, onRejected?: (r: RejectedRequest) => void): void {
  const headers = securityHeaders(nonce, form);
  switch (o.kind) {
    case 'accepted':
    case 'duplicate':
    case 'replied':
    case 'captured':
    case 'held': // paused: the answer is stored and runs on resume, so the person is thanked all the same
      if (form.redirectUrl) {
        res.writeHead(303, { location: form.redirectUrl, ...headers });
        return void res.end();
      }
      return sendHtml(res, 200, thankYouHtml(form, nonce), headers);
    case 'refused': {
      onRejected?.(o.rejection);
      const fields = o.extra?.fields;
      if (o.code === 'VALIDATION_FAILED' && typeof fields === 'object' && fields !== null) {
        return sendHtml(res, 400, formHtml(form, action, nonce, fields as Record<string, string>), headers);
      }
      return sendHtml(res, o.status, messageHtml(form.title, o.message, nonce), { ...headers, ...o.headers });
    }
    case 'aborted':
      return void res.destroy();
    case 'backlog_full':
      return sendHtml(res, 503, messageHtml(form.title, `Too many submissions are waiting; nothing was sent. Try again in ${o.retryAfterSeconds} s.`, nonce), {
        ...headers,
        'retry-after': String(o.retryAfterSeconds),
      });
    case 'unavailable':
    case 'not_found':
    case 'handshake':
      return sendHtml(res, o.kind === 'not_found' ? 404 : 503, messageHtml(form.title, 'The form could not take your answer just now; nothing was sent. Try again later.', nonce), headers);
    default: {
      const never: never = o;
      return never;
    }
  }
}

/**
 * `/forms/<token>`: GET shows the form page of a form trigger; POST submits it through the
 * ingest decision (rate limit, size limit, server-side validation, durable store, queued run:
 * exactly as a webhook event), then answers a browser with pages and a program with JSON.
 */
export function createFormHandler(deps: FormHandlerDeps) {
  return async function form(req: IncomingMessage, res: ServerResponse, token: string, url: URL): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    const trigger = await deps.resolver.resolve(token);
    const config = trigger?.form;
    if (!trigger || !config || !trigger.active) {
      req.resume();
      return sendHtml(res, 404, messageHtml('Form not found', 'This form does not exist or is not open right now.', nonce), securityHeaders(nonce, undefined));
    }
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD') return sendHtml(res, 200, formHtml(config, url.pathname, nonce), securityHeaders(nonce, config));
    if (method !== 'POST') {
      req.resume();
      return sendHtml(res, 405, messageHtml(config.title, 'Send the form with POST.', nonce), { ...securityHeaders(nonce, config), allow: 'GET, POST' });
    }
    const browser = fromBrowser(req);
    const outcome = await deps.decide(req, token, url);
    if (browser) writeForBrowser(res, outcome, config, url.pathname, nonce, deps.onRejected);
    else writeIngestOutcome(res, outcome, deps.onRejected);
  };
}
