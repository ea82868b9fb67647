import { defineTemplate } from '../define-template.js';
import { tallyFormResponse } from '../samples/forms.samples.js';
import { smtpServer } from './common-credentials.js';
import { edge } from './common-graph.js';

/** Tally sends answers as a list of fields: find the email and names by field type or label. */
const fieldsCode = `const fields = trigger.body.data?.fields ?? [];
const text = (v) => (Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v)).trim();
const byType = (type) => fields.find((f) => f.type === type)?.value;
const byLabel = (re) => fields.find((f) => re.test(f.label ?? ''))?.value;
return {
  email: text(byType('INPUT_EMAIL') ?? byLabel(/e-?mail/i)).toLowerCase(),
  firstName: text(byLabel(/first name|^name$/i)),
  lastName: text(byLabel(/last name|surname/i)),
  form: trigger.body.data?.formName ?? 'form',
};`;

export const formMailchimpWelcome = defineTemplate({
  id: 'form-mailchimp-welcome',
  name: 'Form submission → Mailchimp + welcome email',
  description: 'Adds everyone who submits your Tally form to a Mailchimp audience (with first and last name and a tag) and sends them a welcome email from your own mail server.',
  category: 'marketing',
  tags: ['forms', 'tally', 'mailchimp', 'email', 'newsletter', 'onboarding'],
  trigger: {
    provider: 'Tally',
    events: ['FORM_RESPONSE'],
    auth: 'hmac',
    setup:
      'In Tally, open the form → Integrations → Webhooks → Connect: paste the trigger URL and set the same signing secret as the credential. Tally signs each submission with Tally-Signature (HMAC-SHA256, base64).',
  },
  credentials: [
    {
      key: 'formSecret',
      type: 'webhook-secret',
      label: 'Tally signing secret',
      help: 'The signing secret you enter in Tally → form → Integrations → Webhooks → "Signing secret" (any long random string).',
    },
    { key: 'mailchimp', type: 'mailchimp', label: 'Mailchimp API key', help: 'Mailchimp → Profile → Extras → API keys → Create A Key (ends in your datacenter, e.g. -us21).' },
    smtpServer,
  ],
  inputs: [
    {
      key: 'audienceId',
      kind: 'text',
      label: 'Mailchimp audience id',
      help: 'Mailchimp → Audience → Settings → Audience name and defaults → Audience ID (e.g. a1b2c3d4e5).',
      pattern: '[0-9a-zA-Z]{4,40}',
      patternMessage: 'An audience id is letters and digits, such as a1b2c3d4e5.',
      placeholder: 'a1b2c3d4e5',
    },
    { key: 'tag', kind: 'text', label: 'Mailchimp tag', help: 'A tag given to every contact from this form.', default: 'website-form', maxLength: 100 },
    { key: 'subject', kind: 'text', label: 'Welcome email subject', help: 'The subject of the welcome email.', default: 'Welcome aboard!', maxLength: 200 },
  ],
  workflow: {
    nodes: [
      {
        id: 'form',
        type: 'webhook',
        label: 'Tally submission',
        position: { x: 0, y: 0 },
        config: {
          auth: { kind: 'signature', preset: 'hmac', credentialId: '[[credentials.formSecret]]', hmac: { header: 'tally-signature', algorithm: 'sha256', encoding: 'base64', signedContent: 'body' } },
        },
      },
      { id: 'fields', type: 'code', label: 'Read answers', position: { x: 280, y: 0 }, config: { code: fieldsCode } },
      { id: 'has_email', type: 'filter', label: 'Email given?', position: { x: 560, y: 0 }, config: { combinator: 'and', rules: [{ field: 'steps.fields.email', operator: 'is_not_empty' }] } },
      {
        id: 'subscribe',
        type: 'mailchimp',
        label: 'Add to audience',
        position: { x: 840, y: 0 },
        config: {
          credentialId: '[[credentials.mailchimp]]',
          listId: '[[inputs.audienceId]]',
          email: '{{ steps.fields.email }}',
          status: 'subscribed',
          mergeFields: { FNAME: '{{ steps.fields.firstName }}', LNAME: '{{ steps.fields.lastName }}' },
          tags: ['[[inputs.tag]]'],
        },
      },
      {
        id: 'welcome',
        type: 'email',
        label: 'Send welcome email',
        position: { x: 1120, y: 0 },
        config: {
          credentialId: '[[credentials.smtp]]',
          to: '{{ steps.fields.email }}',
          subject: '[[inputs.subject]]',
          text: 'Hi {{ steps.fields.firstName || "there" }},\n\nthanks for signing up through our {{ steps.fields.form }}. You will hear from us soon.\n\nIf this was not you, just ignore this email.',
        },
      },
    ],
    edges: [edge('form', 'fields'), edge('fields', 'has_email'), edge('has_email', 'subscribe'), edge('subscribe', 'welcome')],
  },
  samples: [tallyFormResponse],
});
