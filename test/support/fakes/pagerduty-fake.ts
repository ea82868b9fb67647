import { contentTypeProblems, isRecord, jsonBody, startFake } from './fake-server.js';

const severities = ['critical', 'error', 'warning', 'info'];
const invalid = (...errors: string[]) => ({ status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } });

/**
 * PagerDuty Events API v2: `POST /v2/enqueue`, JSON, no auth header (the routing key is in
 * the body). Answers `202 {status: "success", message: "Event processed", dedup_key}`, or
 * `400 {status: "invalid event", message, errors}`. Routing keys are 32 characters.
 */
export function startPagerdutyFake() {
  const events: Array<Record<string, unknown>> = [];
  const fake = startFake({
    check(req) {
      if (req.method !== 'POST' || req.path !== '/v2/enqueue') return [`${req.method} ${req.path} is not POST /v2/enqueue`];
      const out = contentTypeProblems(req, 'application/json');
      if (req.headers.authorization) out.push('Events API v2 takes no Authorization header');
      const b = jsonBody(req);
      if (!isRecord(b)) return [...out, 'body is not a JSON object'];
      if (typeof b.routing_key !== 'string') out.push('routing_key missing');
      if (!['trigger', 'acknowledge', 'resolve'].includes(String(b.event_action))) out.push('event_action invalid');
      if (b.dedup_key !== undefined && (typeof b.dedup_key !== 'string' || b.dedup_key.length > 255)) out.push('dedup_key invalid');
      if (b.event_action === 'trigger') {
        const p = b.payload;
        if (!isRecord(p)) return [...out, 'payload missing'];
        if (typeof p.summary !== 'string' || p.summary.length > 1024) out.push('payload.summary invalid');
        if (typeof p.source !== 'string') out.push('payload.source missing');
        if (!severities.includes(String(p.severity))) out.push('payload.severity invalid');
        if (p.custom_details !== undefined && !isRecord(p.custom_details)) out.push('payload.custom_details is not an object');
      } else {
        if (typeof b.dedup_key !== 'string') out.push('dedup_key is required to acknowledge or resolve');
        if (b.payload !== undefined) out.push('acknowledge and resolve take no payload');
      }
      return out;
    },
    answer(req, problems) {
      if (problems.length) return invalid(...problems);
      const b = jsonBody(req) as Record<string, unknown>;
      if (String(b.routing_key).length !== 32) return invalid("'routing_key' is invalid; it must be 32 characters");
      events.push(b);
      return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: b.dedup_key ?? 'srv01abcdef0123456789' } };
    },
  });
  return fake.then((f) => ({ ...f, events }));
}
