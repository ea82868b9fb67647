import type { MapContext, NodeMapper } from '../mapper-types.js';
import { placeholder } from './data.js';

/** Slack, Discord, Microsoft Teams, HubSpot, Mailchimp, PagerDuty, Twilio and Send Email. */

/** A resource locator (`{__rl, value, mode}`) or a plain value, as text. */
function locator(ctx: MapContext, path: string): string {
  const v = ctx.param(path);
  const value = typeof v === 'object' && v !== null && '__rl' in v ? (v as { value?: unknown }).value : v;
  return ctx.text(value ?? '', path);
}

const nonEmpty = (s: string) => s.trim() !== '';

function pairs(ctx: MapContext, path: string, nameKey = 'name', valueKey = 'value'): Record<string, string> {
  const v = ctx.param(path);
  const list = Array.isArray(v) ? (v as Array<Record<string, unknown>>) : [];
  return Object.fromEntries(list.map((p, i) => [String(p[nameKey] ?? ''), ctx.text(String(p[valueKey] ?? ''), `${path}[${i}]`)]).filter(([k]) => k !== ''));
}

export const slack: NodeMapper = (ctx) => {
  const operation = String(ctx.param('operation') ?? 'post');
  const resource = String(ctx.param('resource') ?? 'message');
  if (resource !== 'message' || (operation !== 'post' && operation !== 'postMessage')) return placeholder(ctx, `Slack ${resource}/${operation}`);
  const channel = locator(ctx, ctx.param('channelId') !== undefined ? 'channelId' : 'channel');
  const config: Record<string, unknown> = {
    operation: 'postMessage',
    credentialId: ctx.credential('slack', 'a Slack bot token (n8n used its Slack credential)'),
    channel: nonEmpty(channel) ? channel : '#general',
    text: ctx.text(ctx.param('text') ?? '', 'text') || '(empty in n8n)',
  };
  if (!nonEmpty(channel)) ctx.note('manual', 'no channel was set; "#general" stands in');
  const thread = ctx.param('otherOptions.thread_ts.replyValues.thread_ts') ?? ctx.param('otherOptions.thread_ts');
  if (typeof thread === 'string') config.threadTs = ctx.text(thread, 'thread_ts');
  const blocks = ctx.param('blocksUi');
  if (typeof blocks === 'string' && blocks.trim() !== '') {
    try {
      const parsed = JSON.parse(blocks.startsWith('=') ? blocks.slice(1) : blocks) as { blocks?: unknown };
      if (Array.isArray(parsed.blocks)) config.blocks = parsed.blocks;
    } catch {
      ctx.note('manual', 'the Block Kit JSON holds expressions or does not parse; it was left out');
    }
  }
  return { type: 'slack', config };
};

export const discord: NodeMapper = (ctx) => {
  const content = ctx.text(ctx.param('content') ?? ctx.param('text') ?? '', 'content');
  const config: Record<string, unknown> = { credentialId: ctx.credential('webhook-url', "the Discord channel's webhook URL"), content: nonEmpty(content) ? content : '(empty in n8n)' };
  const username = ctx.param('options.username') ?? ctx.param('username');
  if (typeof username === 'string') config.username = ctx.text(username, 'username');
  const avatar = ctx.param('options.avatar_url') ?? ctx.param('avatarUrl');
  if (typeof avatar === 'string') config.avatarUrl = ctx.text(avatar, 'avatarUrl');
  if (ctx.param('webhookUri') !== undefined) ctx.note('approximated', 'the webhook URL written in the node moves into a credential');
  return { type: 'discord', config };
};

export const microsoftTeams: NodeMapper = (ctx) => {
  const message = ctx.text(ctx.param('message') ?? ctx.param('messageText') ?? '', 'message');
  ctx.note('approximated', "n8n posted through Microsoft Graph as a user; here an Adaptive Card goes to the channel's incoming webhook (Workflows)");
  return {
    type: 'teams',
    config: { credentialId: ctx.credential('webhook-url', "the Teams channel's incoming webhook URL (Workflows)"), title: ctx.node.name, text: nonEmpty(message) ? message : '(empty in n8n)' },
  };
};

const HUBSPOT_FIELDS: Record<string, string> = {
  firstName: 'firstname',
  lastName: 'lastname',
  companyName: 'company',
  phoneNumber: 'phone',
  jobTitle: 'jobtitle',
  websiteUrl: 'website',
  city: 'city',
  lifeCycleStage: 'lifecyclestage',
  leadStatus: 'hs_lead_status',
};

export const hubspot: NodeMapper = (ctx) => {
  const resource = String(ctx.param('resource') ?? 'contact');
  const operation = String(ctx.param('operation') ?? 'upsert');
  const credentialId = ctx.credential('hubspot', 'a HubSpot private app token');
  const extra = (ctx.param('additionalFields') ?? {}) as Record<string, unknown>;
  if (resource === 'contact' && (operation === 'upsert' || operation === 'create')) {
    const properties: Record<string, string> = {};
    for (const [k, v] of Object.entries(extra)) {
      const name = HUBSPOT_FIELDS[k];
      if (name && (typeof v === 'string' || typeof v === 'number')) properties[name] = ctx.text(String(v), `additionalFields.${k}`);
      else if (!name) ctx.note('approximated', `the contact field "${k}" was left out`);
    }
    return { type: 'hubspot', config: { operation: 'upsertContact', credentialId, email: ctx.text(ctx.param('email') ?? '', 'email'), properties } };
  }
  if (resource === 'deal' && operation === 'create') {
    const amount = extra.amount;
    return {
      type: 'hubspot',
      config: {
        operation: 'createDeal',
        credentialId,
        dealName: ctx.text(extra.dealName ?? ctx.param('dealName') ?? 'Deal', 'dealName'),
        ...(amount !== undefined ? { amount: typeof amount === 'number' ? amount : ctx.text(String(amount), 'amount') } : {}),
        ...(typeof extra.pipeline === 'string' ? { pipeline: ctx.text(extra.pipeline, 'pipeline') } : {}),
        ...(typeof ctx.param('stage') === 'string' ? { dealStage: ctx.text(ctx.param('stage'), 'stage') } : {}),
      },
    };
  }
  return placeholder(ctx, `HubSpot ${resource}/${operation}`);
};

export const mailchimp: NodeMapper = (ctx) => {
  const operation = String(ctx.param('operation') ?? 'create');
  if (String(ctx.param('resource') ?? 'member') !== 'member' || (operation !== 'create' && operation !== 'update')) return placeholder(ctx, `Mailchimp ${String(ctx.param('resource'))}/${operation}`);
  const status = String(ctx.param('status') ?? 'subscribed');
  const tags = ctx.param('options.tags');
  return {
    type: 'mailchimp',
    config: {
      credentialId: ctx.credential('mailchimp', 'a Mailchimp API key'),
      listId: ctx.text(ctx.param('list') ?? '', 'list') || 'LIST_ID',
      email: ctx.text(ctx.param('email') ?? '', 'email'),
      status: ['subscribed', 'pending', 'unsubscribed'].includes(status) ? status : 'subscribed',
      applyStatusToExisting: operation === 'update',
      mergeFields: pairs(ctx, 'mergeFieldsUi.mergeFieldsValues'),
      ...(typeof tags === 'string' && tags.trim() !== ''
        ? {
            tags: tags
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
          }
        : {}),
    },
  };
};

export const pagerDuty: NodeMapper = (ctx) => {
  const resource = String(ctx.param('resource') ?? 'incident');
  const operation = String(ctx.param('operation') ?? 'create');
  const credentialId = ctx.credential('pagerduty', 'a PagerDuty Events API v2 routing key (n8n used a REST API token)');
  const extra = (ctx.param('additionalFields') ?? {}) as Record<string, unknown>;
  const updates = (ctx.param('updateFields') ?? {}) as Record<string, unknown>;
  if (resource === 'incident' && operation === 'create') {
    ctx.note('approximated', "n8n created an incident through the REST API; here an Events API v2 alert is triggered on the routing key's service");
    return {
      type: 'pagerduty',
      config: {
        credentialId,
        action: 'trigger',
        summary: ctx.text(ctx.param('title') ?? '', 'title') || 'Alert',
        source: 'n8n import',
        severity: extra.urgency === 'low' ? 'warning' : 'critical',
        ...(typeof extra.incidentKey === 'string' ? { dedupKey: ctx.text(extra.incidentKey, 'incidentKey') } : {}),
      },
    };
  }
  if (resource === 'incident' && operation === 'update' && (updates.status === 'resolved' || updates.status === 'acknowledged')) {
    ctx.note('manual', 'the alert is named by its dedup key here, not by the incident id: check the key');
    return {
      type: 'pagerduty',
      config: { credentialId, action: updates.status === 'resolved' ? 'resolve' : 'acknowledge', dedupKey: ctx.text(ctx.param('incidentId') ?? '', 'incidentId') || 'DEDUP_KEY' },
    };
  }
  return placeholder(ctx, `PagerDuty ${resource}/${operation}`);
};

export const twilio: NodeMapper = (ctx) => {
  if (String(ctx.param('operation') ?? 'send') !== 'send' || ctx.param('resource') === 'call') return placeholder(ctx, 'Twilio call');
  if (ctx.param('toWhatsapp') === true) ctx.note('manual', 'WhatsApp sending is not supported; an SMS is sent');
  return {
    type: 'twilio',
    config: {
      credentialId: ctx.credential('twilio', 'a Twilio account SID and auth token'),
      from: ctx.text(ctx.param('from') ?? '', 'from'),
      to: ctx.text(ctx.param('to') ?? '', 'to'),
      body: ctx.text(ctx.param('message') ?? '', 'message') || '(empty in n8n)',
    },
  };
};

export const emailSend: NodeMapper = (ctx) => {
  const format = String(ctx.param('emailFormat') ?? (ctx.param('html') !== undefined ? 'both' : 'text'));
  const text = ctx.text(ctx.param('text') ?? ctx.param('message') ?? '', 'text');
  const html = ctx.param('html') ?? (format === 'html' ? ctx.param('message') : undefined);
  const from = ctx.param('fromEmail');
  if (typeof from === 'string' && from !== '') ctx.note('approximated', `the sender "${from}" comes from the SMTP credential's "from" address here`);
  const options = (ctx.param('options') ?? {}) as Record<string, unknown>;
  return {
    type: 'email',
    config: {
      credentialId: ctx.credential('smtp', 'an SMTP server'),
      to: ctx.text(ctx.param('toEmail') ?? '', 'toEmail'),
      subject: ctx.text(ctx.param('subject') ?? '', 'subject') || '(no subject)',
      text: nonEmpty(text) ? text : format === 'html' ? '(see the HTML version)' : '(empty in n8n)',
      ...(typeof html === 'string' ? { html: ctx.text(html, 'html') } : {}),
      ...(typeof options.ccEmail === 'string' ? { cc: ctx.text(options.ccEmail, 'ccEmail') } : {}),
      ...(typeof options.bccEmail === 'string' ? { bcc: ctx.text(options.bccEmail, 'bccEmail') } : {}),
      ...(typeof options.replyTo === 'string' ? { replyTo: ctx.text(options.replyTo, 'replyTo') } : {}),
    },
  };
};
