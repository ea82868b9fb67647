import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import type { ResumeOutcome, ResumeService, ResumeState } from '../waits/resume-service.js';
import type { LinkKind } from '../waits/resume-links.js';
import { approvalPageCsp, confirmPage, messagePage } from '../waits/approval-page.js';
import { jsonBody } from './json-body.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { lazySchema } from '../../shared/lazy-schema.js';

export interface ResumeRoutesDeps {
  resumes: ResumeService;
  /** The signed-in person behind the request's session cookie, if any (an approval records who decided). */
  whoIs?: (req: Request) => Promise<{ userId: string | null; name: string } | null>;
}

/** `whoIs` from the session cookie: the person signed in to Switchyard in this browser, or null. */
export function whoIsFromSession(auth: { fromSession(token: string): Promise<{ principal: { userId: string | null; userName: string } } | undefined> }): NonNullable<ResumeRoutesDeps['whoIs']> {
  return async (req) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const session = token ? await auth.fromSession(token) : undefined;
    return session ? { userId: session.principal.userId, name: session.principal.userName } : null;
  };
}

const callOf = (req: Request, kind: LinkKind) => ({
  runId: String(req.params.runId),
  nodeId: String(req.params.nodeId),
  frame: typeof req.query.frame === 'string' ? req.query.frame : '',
  kind,
  token: String(req.params.token),
});

const wantsHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';
const commentSchema = lazySchema(() => z.object({ comment: z.string().max(2000).optional() }).catchall(z.unknown()));

/** The refusal of a URL that is not open, as status, code and message. */
function refusal(o: Exclude<ResumeOutcome | ResumeState, { kind: 'accepted' } | { kind: 'open' }>): AppError {
  switch (o.kind) {
    case 'not_found':
      return new AppError('NOT_FOUND', 404, 'No waiting step has this URL.');
    case 'used':
      return new AppError('CONFLICT', 409, o.decision ? `This approval was already decided: ${o.decision}.` : `This resume URL was already used (${o.uses} call${o.uses === 1 ? '' : 's'}).`, {
        reason: 'already_used',
      });
    case 'expired':
      return new AppError('GONE', 410, o.reason, { reason: 'expired' });
    default: {
      const unreachable: never = o;
      return unreachable;
    }
  }
}

/** An approval page, under its own CSP (the app's would block the page's stylesheet). */
function sendPage(res: Response, status: number, html: string): void {
  res.status(status).type('html').setHeader('content-security-policy', approvalPageCsp).send(html);
}

function answer(req: Request, res: Response, o: ResumeOutcome, decided?: string): void {
  if (o.kind === 'accepted') {
    if (wantsHtml(req)) return sendPage(res, 200, messagePage('Thank you', decided ? `Your answer was recorded: ${decided}.` : 'Your answer was recorded.'));
    return void res.status(202).json({ accepted: true, runId: o.runId, use: o.use, ...(decided ? { decision: decided } : {}) });
  }
  const e = refusal(o);
  if (wantsHtml(req)) return sendPage(res, e.status, messagePage(e.status === 404 ? 'Unknown link' : 'This link no longer works', e.message));
  res.status(e.status).json(e.toBody());
}

/**
 * Resume URLs (public, no sign-in: the URL is the credential). `POST .../callback/<token>` with a
 * JSON body continues a wait step; `.../approve|reject/<token>` decide an approval: a GET shows a
 * confirmation page, the POST (form or JSON, optional `comment`) decides.
 */
export function createResumeRouter(d: ResumeRoutesDeps): Router {
  const r = Router();
  r.post('/:runId/:nodeId/callback/:token', ...jsonBody('1mb'), async (req, res) => {
    answer(req, res, await d.resumes.call(callOf(req, 'callback'), { body: req.body ?? null }));
  });
  for (const kind of ['approve', 'reject'] as const) {
    const decided = kind === 'approve' ? 'approved' : 'rejected';
    r.get(`/:runId/:nodeId/${kind}/:token`, async (req, res) => {
      const s = await d.resumes.state(callOf(req, kind));
      if (s.kind === 'open') return sendPage(res, 200, confirmPage(kind, s.question));
      answer(req, res, s);
    });
    r.post(`/:runId/:nodeId/${kind}/:token`, express.urlencoded({ extended: false, limit: '16kb' }), express.json({ limit: '16kb' }), async (req, res) => {
      const parsed = commentSchema.safeParse(req.body ?? {});
      if (!parsed.success) throw new AppError('BAD_REQUEST', 400, 'A comment is text of at most 2,000 characters.');
      const by = (await d.whoIs?.(req)) ?? null;
      answer(req, res, await d.resumes.call(callOf(req, kind), { decision: decided, by, comment: parsed.data.comment ?? null }), decided);
    });
  }
  r.get('/:runId/:nodeId/callback/:token', (_req, _res) => {
    throw new AppError('METHOD_NOT_ALLOWED', 405, 'A resume URL is called with POST and a JSON body.');
  });
  return r;
}
