import { contentTypeProblems, isRecord, jsonBody, startFake } from './fake-server.js';

export const discordWebhookId = '1234567890123456789';
export const discordWebhookToken = 'DISCORD-webhook-token-abcdefghijklmnop';

/**
 * Discord: `POST /api/webhooks/{id}/{token}` (Execute Webhook) with JSON `{content, username,
 * avatar_url, embeds}`; `?wait=true` answers 200 with the message, otherwise 204. Errors are
 * `{message, code}`: 50006 empty message, 50035 invalid form body, 10015 unknown webhook.
 */
export function startDiscordFake() {
  let messages = 0;
  return startFake({
    check(req) {
      if (req.method !== 'POST') return [`method ${req.method}, not POST`];
      if (!/^\/api\/webhooks\/\d+\/[\w-]+$/.test(req.path)) return ['not an Execute Webhook path'];
      const out = contentTypeProblems(req, 'application/json');
      const b = jsonBody(req);
      if (!isRecord(b)) return [...out, 'body is not a JSON object'];
      if (b.content !== undefined && typeof b.content !== 'string') out.push('content is not a string');
      if (b.embeds !== undefined && !(Array.isArray(b.embeds) && b.embeds.every(isRecord))) out.push('embeds is not a list of objects');
      for (const k of Object.keys(b)) if (!['content', 'username', 'avatar_url', 'tts', 'embeds', 'allowed_mentions', 'components', 'flags', 'thread_name'].includes(k)) out.push(`unknown field ${k}`);
      return out;
    },
    answer(req, problems) {
      if (req.path !== `/api/webhooks/${discordWebhookId}/${discordWebhookToken}`) {
        return req.path.startsWith(`/api/webhooks/${discordWebhookId}/`)
          ? { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } }
          : { status: 404, body: { message: 'Unknown Webhook', code: 10015 } };
      }
      if (problems.length) return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: {} } };
      const b = jsonBody(req) as { content?: string; username?: string; embeds?: unknown[] };
      if ((b.content ?? '') === '' && !b.embeds?.length) return { status: 400, body: { message: 'Cannot send an empty message', code: 50006 } };
      if ((b.content ?? '').length > 2000)
        return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } } } };
      if (req.query.get('wait') !== 'true') return { status: 204 };
      messages += 1;
      return {
        status: 200,
        body: {
          id: `11223344556677889${messages}`,
          type: 0,
          content: b.content ?? '',
          channel_id: '998877665544332211',
          webhook_id: discordWebhookId,
          author: { bot: true, id: discordWebhookId, username: b.username ?? 'Captain Hook' },
          embeds: b.embeds ?? [],
          timestamp: '2024-01-01T00:00:00.000000+00:00',
        },
      };
    },
  });
}
