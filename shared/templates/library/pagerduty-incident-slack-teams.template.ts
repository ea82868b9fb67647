import { defineTemplate } from '../define-template.js';
import { pagerdutyIncidentAcknowledged, pagerdutyIncidentTriggered } from '../samples/pagerduty.samples.js';
import { slackWebhook, teamsWebhook } from './common-credentials.js';
import { edge } from './common-graph.js';

const incident = 'trigger.body.event.data';

export const pagerdutyIncidentSlackTeams = defineTemplate({
  id: 'pagerduty-incident-slack-teams',
  name: 'PagerDuty incident → Slack + Teams',
  description: 'Broadcasts every newly triggered PagerDuty incident to a Slack channel and a Microsoft Teams channel at once, with priority, service, assignee and a link to the incident.',
  category: 'incidents',
  tags: ['pagerduty', 'slack', 'microsoft teams', 'incidents', 'on-call'],
  trigger: {
    provider: 'PagerDuty',
    events: ['incident.triggered'],
    auth: 'pagerduty',
    setup:
      'In PagerDuty, open Integrations → Generic Webhooks (v3) → New Webhook: paste the trigger URL, scope it to a service or team, and select the event incident.triggered. Copy the signing secret shown once after saving into the credential.',
  },
  credentials: [
    {
      key: 'pagerdutySecret',
      type: 'webhook-secret',
      label: 'PagerDuty webhook signing secret',
      help: 'Shown once when the v3 webhook subscription is created (Integrations → Generic Webhooks (v3)); to get a new one, delete and re-create the subscription.',
    },
    slackWebhook,
    teamsWebhook,
  ],
  inputs: [],
  workflow: {
    nodes: [
      {
        id: 'pagerduty',
        type: 'webhook',
        label: 'PagerDuty webhook',
        position: { x: 0, y: 0 },
        config: { auth: { kind: 'signature', preset: 'pagerduty', credentialId: '[[credentials.pagerdutySecret]]' } },
      },
      {
        id: 'triggered',
        type: 'filter',
        label: 'Incident triggered?',
        position: { x: 280, y: 0 },
        config: { combinator: 'and', rules: [{ field: 'trigger.body.event.event_type', operator: 'equals', value: 'incident.triggered' }] },
      },
      {
        id: 'slack',
        type: 'slack',
        label: 'Alert Slack',
        position: { x: 560, y: -100 },
        config: {
          operation: 'webhook',
          credentialId: '[[credentials.slackWebhook]]',
          text: `:rotating_light: {{ ${incident}.priority ? "[" + ${incident}.priority.summary + "] " : "" }}#{{ ${incident}.number }} {{ ${incident}.title }} on {{ ${incident}.service.summary }}`,
          blocks: [
            {
              type: 'section',
              text: {
                type: 'mrkdwn',
                text: `:rotating_light: *<{{ ${incident}.html_url }}|#{{ ${incident}.number }} {{ ${incident}.title }}>*\nService: {{ ${incident}.service.summary }} · Urgency: {{ ${incident}.urgency }} · Assigned to: {{ (${incident}.assignees || []).map((a) => a.summary).join(", ") || "nobody" }}`,
              },
            },
          ],
        },
      },
      {
        id: 'teams',
        type: 'teams',
        label: 'Alert Teams',
        position: { x: 560, y: 100 },
        config: {
          credentialId: '[[credentials.teamsWebhook]]',
          title: `Incident #{{ ${incident}.number }} triggered: {{ ${incident}.title }}`,
          text: `{{ ${incident}.service.summary }} needs attention: {{ ${incident}.title }}`,
          linkUrl: `{{ ${incident}.html_url }}`,
          facts: {
            Service: `{{ ${incident}.service.summary }}`,
            Priority: `{{ ${incident}.priority ? ${incident}.priority.summary : "none" }}`,
            Urgency: `{{ ${incident}.urgency }}`,
            'Assigned to': `{{ (${incident}.assignees || []).map((a) => a.summary).join(", ") || "nobody" }}`,
          },
        },
      },
    ],
    edges: [edge('pagerduty', 'triggered'), edge('triggered', 'slack'), edge('triggered', 'teams')],
  },
  samples: [pagerdutyIncidentTriggered, pagerdutyIncidentAcknowledged],
});
