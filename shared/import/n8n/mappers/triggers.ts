import type { MapContext, MappedNode, NodeMapper } from '../mapper-types.js';

/** Webhook, Manual, Schedule, Cron and Execute Workflow Trigger. */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export const webhook: NodeMapper = (ctx) => {
  const method = String(ctx.param('httpMethod') ?? 'GET').toUpperCase();
  const methods = METHODS.includes(method) ? [method] : ['POST'];
  if (!METHODS.includes(method)) ctx.note('approximated', `the method ${method} is not offered by Switchyard triggers; POST is used`);
  const mode = String(ctx.param('responseMode') ?? 'onReceived');
  const config: Record<string, unknown> = { methods, respond: mode === 'onReceived' ? 'immediately' : 'respond-step' };
  if (mode === 'onReceived') ctx.note('approximated', 'answers "202 {runId, eventId}" at once, where n8n answered 200 {"message":"Workflow was started"}');
  // "When last node finishes": the import adds a Respond step after the last node where it can (last-node-respond.ts).
  if (mode === 'lastNode') ctx.note('approximated', "n8n answered with the last node's output: a Respond step after it does the same");
  const path = ctx.param('path');
  if (typeof path === 'string' && path !== '') ctx.note('approximated', `the URL path "${path}" is not kept: Switchyard trigger URLs are /hooks/<token> (see the workflow's hooks)`);
  const auth = String(ctx.param('authentication') ?? 'none');
  if (auth === 'basicAuth') config.auth = { kind: 'basic', credentialId: ctx.credential('basic', "the webhook's basic auth user and password") };
  else if (auth === 'headerAuth') config.auth = { kind: 'header', credentialId: ctx.credential('header', "the webhook's header name and value") };
  else if (auth !== 'none') ctx.note('manual', `the webhook authentication "${auth}" has no equivalent; the trigger accepts any caller until you set one`);
  const ips = ctx.param('options.ipWhitelist');
  if (typeof ips === 'string' && ips.trim() !== '')
    config.allowedIps = ips
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return { type: 'webhook', config };
};

/** n8n's manual trigger emits one empty item: "Run now" sends `{}` the same way. */
export const manualTrigger: NodeMapper = () => ({ type: 'manual', config: { samplePayload: {} } });

export const executeWorkflowTrigger: NodeMapper = () => ({ type: 'subworkflowTrigger', config: {} });

/** Schedule Trigger (`rule.interval[]`): the first rule becomes cron or an interval. */
export const scheduleTrigger: NodeMapper = (ctx) => {
  const intervals = ctx.param('rule.interval');
  const list = Array.isArray(intervals) ? (intervals as Array<Record<string, unknown>>) : [{ field: 'days' }];
  if (list.length > 1) ctx.note('manual', `n8n had ${list.length} schedule rules; only the first is imported (add more schedules as separate workflows)`);
  return scheduleRule(ctx, list[0] ?? { field: 'days' });
};

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

function scheduleRule(ctx: MapContext, r: Record<string, unknown>): MappedNode {
  const tz = typeof ctx.param('timezone') === 'string' ? String(ctx.param('timezone')) : 'UTC';
  const cron = (expr: string): MappedNode => ({ type: 'schedule', config: { mode: 'cron', cron: expr, timezone: tz } });
  const every = (e: string): MappedNode => ({ type: 'schedule', config: { mode: 'interval', every: e, timezone: tz } });
  const minute = num(r.triggerAtMinute, 0);
  const hour = num(r.triggerAtHour, 0);
  switch (r.field) {
    case 'cronExpression':
      return cron(String(r.expression ?? '0 0 * * *'));
    case 'seconds':
      return every(`${num(r.secondsInterval, 30)}s`);
    case 'minutes':
      return every(`${num(r.minutesInterval, 5)}m`);
    case 'hours':
      return num(r.hoursInterval, 1) === 1 ? cron(`${minute} * * * *`) : cron(`${minute} */${num(r.hoursInterval, 1)} * * *`);
    case 'weeks': {
      const days = Array.isArray(r.triggerAtDay) && r.triggerAtDay.length ? (r.triggerAtDay as unknown[]).map(String).join(',') : '0';
      if (num(r.weeksInterval, 1) !== 1) ctx.note('approximated', `every ${num(r.weeksInterval, 1)} weeks became every week`);
      return cron(`${minute} ${hour} * * ${days}`);
    }
    case 'months':
      return cron(`${minute} ${hour} ${num(r.triggerAtDayOfMonth, 1)} */${num(r.monthsInterval, 1)} *`);
    default:
      return num(r.daysInterval, 1) === 1 ? cron(`${minute} ${hour} * * *`) : cron(`${minute} ${hour} */${num(r.daysInterval, 1)} * *`);
  }
}

/** The legacy Cron node (`triggerTimes.item[]`). */
export const cron: NodeMapper = (ctx) => {
  const items = ctx.param('triggerTimes.item');
  const list = Array.isArray(items) ? (items as Array<Record<string, unknown>>) : [];
  if (list.length > 1) ctx.note('manual', `n8n had ${list.length} trigger times; only the first is imported`);
  const t = list[0] ?? { mode: 'everyDay' };
  const m = num(t.minute, 0);
  const h = num(t.hour, 0);
  const expr = (() => {
    switch (t.mode) {
      case 'everyMinute':
        return '* * * * *';
      case 'everyHour':
        return `${m} * * * *`;
      case 'everyX':
        return t.unit === 'hours' ? `0 */${num(t.value, 1)} * * *` : `*/${num(t.value, 1)} * * * *`;
      case 'everyWeek':
        return `${m} ${h} * * ${num(t.weekday, 1)}`;
      case 'everyMonth':
        return `${m} ${h} ${num(t.dayOfMonth, 1)} * *`;
      case 'custom':
        return String(t.cronExpression ?? '0 0 * * *');
      default:
        return `${m} ${h} * * *`;
    }
  })();
  return { type: 'schedule', config: { mode: 'cron', cron: expr, timezone: 'UTC' } };
};
