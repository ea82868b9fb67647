import { contentTypeProblems, isRecord, jsonBody, startFake, type FakeRequest } from './fake-server.js';

/** The Slack fake's incoming-webhook paths: one that works and one whose channel was archived. */
export const slackHookPath = '/services/T0001/B0001/XXXXXXXXXXXXXXXXXXXXXXXX';
export const slackArchivedHookPath = '/services/T0001/B0002/ARCHIVEDARCHIVEDARCHIVED';

/** Block Kit: a list of at most 50 objects that each name their `type`. */
function blockProblems(blocks: unknown): string[] {
  if (blocks === undefined) return [];
  if (!Array.isArray(blocks)) return ['blocks is not an array'];
  if (blocks.length > 50) return ['more than 50 blocks'];
  return blocks.every((b) => isRecord(b) && typeof b.type === 'string') ? [] : ['a block has no type'];
}

function postMessageProblems(req: FakeRequest): string[] {
  // chat.postMessage: POST, JSON with `charset=utf-8` (Slack warns `missing_charset` otherwise), a Bearer token.
  const out = contentTypeProblems(req, 'application/json');
  if (!/charset=utf-8/i.test(String(req.headers['content-type']))) out.push('content-type has no charset=utf-8');
  if (!/^Bearer xox[bp]-/.test(String(req.headers.authorization ?? ''))) out.push('no Bearer bot token in Authorization');
  const b = jsonBody(req);
  if (!isRecord(b)) return [...out, 'body is not a JSON object'];
  if (typeof b.channel !== 'string' || b.channel === '') out.push('channel is missing');
  if (typeof b.text !== 'string') out.push('text is not a string');
  if (b.thread_ts !== undefined && typeof b.thread_ts !== 'string') out.push('thread_ts is not a string');
  return [...out, ...blockProblems(b.blocks)];
}

function webhookProblems(req: FakeRequest): string[] {
  const out = contentTypeProblems(req, 'application/json');
  const b = jsonBody(req);
  if (!isRecord(b)) return [...out, 'body is not a JSON object'];
  if (typeof b.text !== 'string' && b.blocks === undefined) out.push('neither text nor blocks');
  if (b.channel !== undefined) out.push('incoming webhooks post to their own channel; channel is not sent');
  return [...out, ...blockProblems(b.blocks)];
}

/**
 * Slack: `POST /api/chat.postMessage` (https://api.slack.com/methods/chat.postMessage), which
 * answers HTTP 200 with `{ok:false, error}` for most failures, and incoming webhooks, which
 * answer `ok` or an error as plain text. `#missing` is a channel that does not exist.
 */
export function startSlackFake(opts: { botToken: string }) {
  return startFake({
    check(req) {
      if (req.method !== 'POST') return [`method ${req.method}, not POST`];
      if (req.path === '/api/chat.postMessage') return postMessageProblems(req);
      if (req.path.startsWith('/services/')) return webhookProblems(req);
      return [`unknown path`];
    },
    answer(req, problems) {
      if (req.path.startsWith('/services/')) {
        if (req.path === slackArchivedHookPath) return { status: 410, headers: { 'content-type': 'text/html' }, body: 'channel_is_archived' };
        if (req.path !== slackHookPath) return { status: 404, headers: { 'content-type': 'text/html' }, body: 'no_service' };
        if (problems.length) return { status: 400, headers: { 'content-type': 'text/html' }, body: 'invalid_payload' };
        return { status: 200, headers: { 'content-type': 'text/html' }, body: 'ok' };
      }
      if (req.path !== '/api/chat.postMessage') return { status: 404, body: { ok: false, error: 'unknown_method' } };
      if (!req.headers.authorization) return { status: 200, body: { ok: false, error: 'not_authed' } };
      if (req.headers.authorization !== `Bearer ${opts.botToken}`) return { status: 200, body: { ok: false, error: 'invalid_auth' } };
      if (problems.length) return { status: 200, body: { ok: false, error: 'invalid_arguments' } };
      const b = jsonBody(req) as { channel: string; text: string; blocks?: unknown[]; thread_ts?: string };
      if (b.channel === '#missing') return { status: 200, body: { ok: false, error: 'channel_not_found' } };
      const ts = '1700000000.000100';
      return {
        status: 200,
        body: {
          ok: true,
          channel: 'C0123ABCD',
          ts,
          message: { type: 'message', subtype: 'bot_message', text: b.text, ts, bot_id: 'B0123ABCD', ...(b.blocks ? { blocks: b.blocks } : {}), ...(b.thread_ts ? { thread_ts: b.thread_ts } : {}) },
        },
      };
    },
  });
}
