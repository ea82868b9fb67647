import { httpConfigSchema } from '../../../nodes/http.node.js';
import type { MapContext, NodeMapper } from '../mapper-types.js';
import { mapPagination, paginationSettings } from '../pagination.js';

/** HTTP Request (v1 to v4) and Respond to Webhook. */

interface Pair {
  name: string;
  value: unknown;
}

const pairsAt = (ctx: MapContext, ...paths: string[]): Pair[] => {
  for (const p of paths) {
    const v = ctx.param(p);
    if (Array.isArray(v)) return (v as Array<Record<string, unknown>>).filter((x) => typeof x.name === 'string').map((x) => ({ name: String(x.name), value: x.value }));
  }
  return [];
};

/** Query pairs appended to the URL, each value URL-encoded (expressions inside `encodeURIComponent`). */
function withQuery(ctx: MapContext, url: string, pairs: Pair[]): string {
  if (!pairs.length) return url;
  const parts = pairs.map((p, i) => {
    const value = p.value;
    if (typeof value === 'string' && value.startsWith('=')) return `${encodeURIComponent(p.name)}={{ encodeURIComponent(${ctx.js(value, `query[${i}]`)}) }}`;
    return `${encodeURIComponent(p.name)}=${encodeURIComponent(String(value ?? ''))}`;
  });
  return `${url}${url.includes('?') ? '&' : '?'}${parts.join('&')}`;
}

/** A JSON body given as text (`={{ ... }}` or a JSON document with expressions). */
function jsonBody(ctx: MapContext, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw ?? {};
  if (!raw.startsWith('=')) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.note('manual', 'the JSON body does not parse; it is sent as text');
      return raw;
    }
  }
  const whole = /^=\s*\{\{([\s\S]*)\}\}\s*$/.exec(raw);
  if (whole && !(whole[1] ?? '').includes('{{')) return ctx.text(raw, 'jsonBody');
  // A JSON document with {{ }} inside: kept as a template string; the step sends it as written.
  ctx.note('approximated', 'the JSON body with expressions inside is sent as rendered text with a JSON content type');
  return ctx.text(raw, 'jsonBody');
}

const AUTH_TYPES: Record<string, string> = {
  httpBasicAuth: 'http-basic',
  httpHeaderAuth: 'http-header',
  httpQueryAuth: 'http-query',
  httpBearerAuth: 'http-bearer',
  oAuth2Api: 'oauth2',
  httpDigestAuth: 'http-basic',
};

function authentication(ctx: MapContext, config: Record<string, unknown>): void {
  const mode = String(ctx.param('authentication') ?? 'none');
  if (mode === 'none') return;
  const generic = String(ctx.param('genericAuthType') ?? (mode === 'predefinedCredentialType' ? '' : mode));
  const kind = AUTH_TYPES[generic];
  if (mode === 'predefinedCredentialType' || !kind) {
    const named = String(ctx.param('nodeCredentialType') ?? generic);
    const id = ctx.credential('http-bearer', `the "${named}" credential of n8n (an API token usually fits http-bearer or http-header)`);
    attach(ctx, config, id, `n8n used its "${named}" credential`);
    return;
  }
  if (generic === 'httpDigestAuth') ctx.note('approximated', 'digest auth became basic auth');
  attach(ctx, config, ctx.credential(kind, `the HTTP Request's ${generic}`), `authentication ${generic}`);
}

/** `auth: {credentialId}` on the step when this build of the http step has it; otherwise the report asks for it. */
function attach(ctx: MapContext, config: Record<string, unknown>, credentialId: string, what: string): void {
  if ('auth' in httpConfigSchema.unwrap().shape) {
    config.auth = { credentialId };
    return;
  }
  ctx.note('manual', `${what}: add the credential's header to the step (this server's HTTP step takes no credential yet)`);
}

/** n8n's pagination onto the step's, with its report lines; true when the step pages. */
function pagination(ctx: MapContext, config: Record<string, unknown>, query: Pair[]): boolean {
  const settings = paginationSettings(ctx.node.parameters);
  if (!settings) return false;
  const mapped = mapPagination(
    settings,
    query.map((q) => q.name),
  );
  for (const [fidelity, text] of mapped.notes) ctx.note(fidelity, text);
  if (!mapped.pagination) return false;
  config.pagination = mapped.pagination;
  return true;
}

export const httpRequest: NodeMapper = (ctx) => {
  const v1 = ctx.node.typeVersion < 2;
  const method = String(ctx.param(v1 ? 'requestMethod' : 'method') ?? 'GET').toUpperCase();
  const config: Record<string, unknown> = { method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].includes(method) ? method : 'GET' };
  if (config.method !== method) ctx.note('manual', `the method ${method} is not offered; GET stands in`);
  const query = v1 ? pairsAt(ctx, 'queryParametersUi.parameter') : ctx.param('sendQuery') ? pairsAt(ctx, 'queryParameters.parameters') : [];
  config.url = withQuery(ctx, ctx.text(ctx.param('url') ?? '', 'url'), query);
  const headers: Record<string, string> = {};
  const headerPairs = v1 ? pairsAt(ctx, 'headerParametersUi.parameter') : ctx.param('sendHeaders') ? pairsAt(ctx, 'headerParameters.parameters') : [];
  headerPairs.forEach((h, i) => (headers[h.name.toLowerCase()] = ctx.text(typeof h.value === 'string' ? h.value : String(h.value ?? ''), `headers[${i}]`)));
  if (v1) {
    if (ctx.param('jsonParameters')) {
      if (ctx.param('bodyParametersJson') !== undefined) config.body = jsonBody(ctx, ctx.param('bodyParametersJson'));
    } else {
      const pairs = pairsAt(ctx, 'bodyParametersUi.parameter');
      if (pairs.length) config.body = Object.fromEntries(pairs.map((p, i) => [p.name, typeof p.value === 'string' ? ctx.text(p.value, `body[${i}]`) : p.value]));
    }
  } else if (ctx.param('sendBody')) {
    const contentType = String(ctx.param('contentType') ?? 'json');
    const specify = String(ctx.param('specifyBody') ?? 'keypair');
    const pairs = pairsAt(ctx, 'bodyParameters.parameters');
    if (contentType === 'form-urlencoded') {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      config.body = pairs
        .map(
          (p, i) =>
            `${encodeURIComponent(p.name)}=${typeof p.value === 'string' && p.value.startsWith('=') ? `{{ encodeURIComponent(${ctx.js(p.value, `body[${i}]`)}) }}` : encodeURIComponent(String(p.value ?? ''))}`,
        )
        .join('&');
    } else if (contentType === 'raw') {
      headers['content-type'] = String(ctx.param('rawContentType') ?? 'text/plain');
      config.body = ctx.text(ctx.param('body') ?? '', 'body');
    } else if (contentType === 'multipart-form-data' || contentType === 'binaryData') {
      ctx.note('manual', `the ${contentType} body is not supported by the HTTP step; its fields are sent as JSON`);
      config.body = Object.fromEntries(pairs.map((p, i) => [p.name, typeof p.value === 'string' ? ctx.text(p.value, `body[${i}]`) : p.value]));
    } else if (specify === 'json') {
      config.body = jsonBody(ctx, ctx.param('jsonBody'));
    } else {
      config.body = Object.fromEntries(pairs.map((p, i) => [p.name, typeof p.value === 'string' ? ctx.text(p.value, `body[${i}]`) : p.value]));
    }
  }
  if (config.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  config.headers = headers;
  const timeout = ctx.param('options.timeout');
  if (typeof timeout === 'number' && timeout >= 100 && timeout <= 120_000) config.timeoutMs = timeout;
  const redirect = ctx.param('options.redirect.redirect.followRedirects');
  if (redirect === true || (redirect === undefined && config.method === 'GET')) config.followRedirects = true;
  const paged = pagination(ctx, config, query);
  if (ctx.param('options.response.response.responseFormat') === 'file') ctx.note('manual', 'the response is a file in n8n; here it is kept as text or base64');
  if (paged) ctx.note('exact', "n8n's items are the pages: here the step's items (expressions were rewritten to read .items)");
  else ctx.note('approximated', "the step's output is {status, headers, body}: n8n's json is its body (expressions were rewritten to read .body)");
  authentication(ctx, config);
  return { type: 'http', config, jsonUnderBody: !paged };
};

export const respondToWebhook: NodeMapper = (ctx) => {
  const respondWith = String(ctx.param('respondWith') ?? 'firstIncomingItem');
  const status = ctx.param('options.responseCode');
  const headerPairs = pairsAt(ctx, 'options.responseHeaders.entries');
  const headers = Object.fromEntries(headerPairs.map((h, i) => [h.name.toLowerCase(), ctx.text(String(h.value ?? ''), `headers[${i}]`)]));
  const config: Record<string, unknown> = { status: typeof status === 'number' ? status : 200, headers };
  switch (respondWith) {
    case 'json':
      config.body = jsonBody(ctx, ctx.param('responseBody'));
      break;
    case 'text':
      config.body = ctx.text(ctx.param('responseBody') ?? '', 'responseBody');
      headers['content-type'] ??= 'text/plain; charset=utf-8';
      break;
    case 'noData':
      config.body = '';
      break;
    case 'allIncomingItems':
      config.body = `{{ [].concat(${ctx.inputRoot}) }}`;
      break;
    case 'redirect':
      config.status = 307;
      headers.location = ctx.text(ctx.param('redirectURL') ?? '', 'redirectURL');
      config.body = '';
      break;
    default:
      if (respondWith !== 'firstIncomingItem') ctx.note('manual', `responding with "${respondWith}" is not supported; the incoming data is sent`);
      config.body = `{{ ${ctx.inputRoot} }}`;
  }
  return { type: 'respond', config };
};
