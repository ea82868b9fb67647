import { contentTypeProblems, isRecord, jsonBody, startFake } from './fake-server.js';

/** A Teams Workflows webhook path; the signature in `sig` is what makes the URL secret. */
export const teamsWorkflowPath = '/workflows/0f0e0d0c0b0a/triggers/manual/paths/invoke';
export const teamsSig = 'TEAMS-sig-3q2+7w==';
/** An old Office 365 connector URL, which answers 200 "1", and 200 with an error text when throttled. */
export const teamsConnectorPath = '/webhookb2/aaaa-bbbb@cccc/IncomingWebhook/dddd/eeee';

/**
 * Microsoft Teams incoming webhooks: POST JSON `{type: "message", attachments: [{contentType:
 * "application/vnd.microsoft.card.adaptive", content: <AdaptiveCard>}]}`. Workflows webhooks
 * answer 202; connector webhooks answer 200 "1". `throttleConnector` makes the connector give
 * the 200-with-an-error answer it gives when Teams throttles.
 */
export function startTeamsFake(opts: { throttleConnector?: number } = {}) {
  let throttles = opts.throttleConnector ?? 0;
  return startFake({
    check(req) {
      if (req.method !== 'POST') return [`method ${req.method}, not POST`];
      const out = contentTypeProblems(req, 'application/json');
      const b = jsonBody(req);
      if (!isRecord(b) || b.type !== 'message' || !Array.isArray(b.attachments) || b.attachments.length !== 1) return [...out, 'not a message with one attachment'];
      const a = b.attachments[0] as Record<string, unknown>;
      if (a.contentType !== 'application/vnd.microsoft.card.adaptive') out.push(`attachment contentType ${String(a.contentType)}`);
      const card = a.content;
      if (!isRecord(card) || card.type !== 'AdaptiveCard' || typeof card.version !== 'string' || !Array.isArray(card.body)) return [...out, 'content is not an AdaptiveCard with a version and a body'];
      for (const el of card.body) if (!isRecord(el) || typeof el.type !== 'string') out.push('a card element has no type');
      return out;
    },
    answer(req, problems) {
      if (req.path === teamsConnectorPath) {
        if (problems.length) return { status: 400, headers: { 'content-type': 'text/plain' }, body: 'Bad payload received by generic incoming webhook.' };
        if (throttles > 0) {
          throttles -= 1;
          return {
            status: 200,
            headers: { 'content-type': 'text/plain' },
            body: 'Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef.0..',
          };
        }
        return { status: 200, headers: { 'content-type': 'text/plain' }, body: '1' };
      }
      if (req.path !== teamsWorkflowPath) return { status: 404, body: { error: { code: 'WorkflowNotFound', message: 'The workflow was not found.' } } };
      if (req.query.get('sig') !== teamsSig)
        return { status: 401, body: { error: { code: 'DirectApiAuthorizationRequired', message: 'The request must be authenticated only by Shared Access scheme.' } } };
      if (problems.length) return { status: 400, body: { error: { code: 'InvalidRequestContent', message: 'The request content is not valid.' } } };
      return { status: 202 };
    },
  });
}
