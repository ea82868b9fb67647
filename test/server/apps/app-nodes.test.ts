import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fittingCredentialTypes } from '../../../client/credentials/credential-form.js';
import { fieldsOf, type JsonSchema } from '../../../client/editor/inspector/form-schema.js';
import { loadConfig } from '../../../server/config.js';
import { deliveryRetry, retryPolicyFor } from '../../../server/engine/retry-policy.js';
import { appCredentialTypes } from '../../../shared/nodes/apps/app-credential-types.js';
import { appNodeTypes } from '../../../shared/nodes/apps/index.js';
import { describeNodeType } from '../../../shared/nodes/describe-node-type.js';
import type { NodeTypeDescriptor } from '../../../shared/nodes/define-node-type.js';
import { getNodeType } from '../../../shared/nodes/registry.js';

const form = (type: keyof typeof appNodeTypes) => fieldsOf(type, describeNodeType(appNodeTypes[type] as NodeTypeDescriptor).configSchema as JsonSchema);
const issues = (type: keyof typeof appNodeTypes, config: unknown) => {
  const r = (appNodeTypes[type].configSchema as z.ZodType).safeParse(config);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('app action node types', () => {
  it('are registered as steps in the "apps" category, each with a title, description and icon', () => {
    expect(Object.keys(appNodeTypes)).toEqual(['slack', 'discord', 'teams', 'hubspot', 'mailchimp', 'pagerduty', 'twilio', 'email']);
    for (const [type, d] of Object.entries(appNodeTypes)) {
      expect(getNodeType(type)).toBe(d);
      expect(d).toMatchObject({ type, kind: 'step', category: 'apps', version: 1 });
      expect(d.title.length && d.description.length && d.icon.length).toBeTruthy();
    }
  });

  it("retry on the delivery schedule by default, shaped by a step's retry settings", () => {
    for (const type of Object.keys(appNodeTypes)) expect(retryPolicyFor(type, {})).toMatchObject({ maxAttempts: deliveryRetry.maxAttempts });
    expect(retryPolicyFor('twilio', { retry: { attempts: 2, schedule: ['1s'] } })).toMatchObject({ maxAttempts: 2, scheduleMs: [1000] });
  });

  it('require the settings each operation needs, at the setting', () => {
    expect(issues('slack', { operation: 'postMessage', credentialId: 'c', text: 'hi' })).toEqual(['channel: postMessage needs a channel (#name or an id).']);
    expect(issues('slack', { operation: 'webhook', credentialId: 'c', text: 'hi' })).toEqual([]);
    expect(issues('slack', { operation: 'webhook', credentialId: '', text: 'hi' })).toEqual(['credentialId: Pick a credential.']);
    expect(issues('hubspot', { operation: 'upsertContact', credentialId: 'c' })).toEqual(["email: upsertContact needs the contact's email."]);
    expect(issues('hubspot', { operation: 'createDeal', credentialId: 'c', email: 'x' })).toEqual(['dealName: createDeal needs a deal name.']);
    expect(issues('pagerduty', { operation: 'x', action: 'resolve', credentialId: 'c' })).toEqual(['dedupKey: To resolve an alert, give its dedup key.']);
    expect(issues('pagerduty', { action: 'trigger', credentialId: 'c', summary: 's' })).toEqual(['source: A trigger needs a source.', 'severity: A trigger needs a severity.']);
    expect(issues('discord', { credentialId: 'c' })).toEqual(['content: Give content, embeds, or both.']);
    expect(issues('discord', { credentialId: 'c', embeds: [{ title: 't' }] })).toEqual([]);
    expect(issues('mailchimp', { credentialId: 'c', listId: 'l', email: 'e', status: 'cleaned' })).toHaveLength(1);
    expect(issues('email', { credentialId: 'c', to: 'a@b.c', subject: 's', text: 't' })).toEqual([]);
  });

  it('make good editor forms: the credential picker, operation-specific fields up front, lists and key-value maps', () => {
    const slack = form('slack');
    const by = (key: string) => slack.find((f) => f.key === key);
    expect(by('operation')).toMatchObject({ kind: 'select', options: ['webhook', 'postMessage'], advanced: false, label: 'Send with' });
    expect(by('credentialId')).toMatchObject({ kind: 'credential', scope: 'slack', advanced: false });
    expect(by('channel')).toMatchObject({ kind: 'text', templated: true, advanced: false, help: expect.stringContaining('postMessage only') });
    expect(by('text')).toMatchObject({ kind: 'text', templated: true, required: true });
    expect(by('blocks')).toMatchObject({ kind: 'json', advanced: true });
    expect(form('hubspot').find((f) => f.key === 'properties')).toMatchObject({ kind: 'key-value' });
    expect(form('mailchimp').find((f) => f.key === 'tags')).toMatchObject({ kind: 'list' });
    expect(form('pagerduty').find((f) => f.key === 'severity')).toMatchObject({ kind: 'select', advanced: false });
    expect(form('teams').find((f) => f.key === 'facts')).toMatchObject({ kind: 'key-value' });
  });

  it('tell the credential picker which credential types fit', () => {
    expect(appCredentialTypes('slack', { operation: 'postMessage' })).toEqual(['slack', 'oauth2']);
    expect(appCredentialTypes('hubspot', {})).toEqual(['hubspot', 'oauth2']);
    expect(appCredentialTypes('slack', { operation: 'webhook' })).toEqual(['webhook-url']);
    expect(fittingCredentialTypes('slack', { operation: 'postMessage' })).toEqual(['slack', 'oauth2']);
    expect(fittingCredentialTypes('email', {})).toEqual(['smtp']);
    expect(fittingCredentialTypes('twilio', {})).toEqual(['twilio']);
    expect(appCredentialTypes('http', {})).toBeUndefined();
  });
});

describe('app base URLs', () => {
  it('default to the public APIs and take overrides without a trailing slash', () => {
    const defaults = loadConfig({ DATA_DIR: '/tmp/x' }).appBaseUrls;
    expect(defaults).toEqual({
      slack: 'https://slack.com/api',
      hubspot: 'https://api.hubapi.com',
      mailchimp: 'https://{dc}.api.mailchimp.com',
      pagerduty: 'https://events.pagerduty.com',
      twilio: 'https://api.twilio.com',
    });
    expect(loadConfig({ DATA_DIR: '/tmp/x', SLACK_API_URL: 'http://127.0.0.1:4000/api/' }).appBaseUrls.slack).toBe('http://127.0.0.1:4000/api');
    expect(() => loadConfig({ DATA_DIR: '/tmp/x', TWILIO_API_URL: 'ftp://twilio' })).toThrow(/TWILIO_API_URL/);
  });
});
