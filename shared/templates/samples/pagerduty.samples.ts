import type { TemplateSample } from '../define-template.js';

/** A PagerDuty v3 webhook, `incident.triggered` (X-PagerDuty-Signature is added by the sender). */
export const pagerdutyIncidentTriggered: TemplateSample = {
  id: 'incident.triggered',
  label: 'incident.triggered: P1 on Checkout API',
  headers: {
    'User-Agent': 'PagerDuty-Webhook/V3.0',
    'X-Webhook-Id': '01F0GJ2XK7T9Y3D5K8P1Q4R6S8',
    'X-Webhook-Subscription': 'PSDVRLB',
  },
  contentType: 'application/json',
  expect: 'acts',
  body: {
    event: {
      id: '01F0GJ2XK7T9Y3D5K8P1Q4R6S8',
      event_type: 'incident.triggered',
      resource_type: 'incident',
      occurred_at: '2024-08-01T14:03:42.512Z',
      agent: { html_url: 'https://acme.pagerduty.com/services/PF9KMXH', id: 'PF9KMXH', self: 'https://api.pagerduty.com/services/PF9KMXH', summary: 'Checkout API', type: 'service_reference' },
      client: { name: 'Datadog' },
      data: {
        id: 'Q2G9NXK5VDX1AB',
        type: 'incident',
        self: 'https://api.pagerduty.com/incidents/Q2G9NXK5VDX1AB',
        html_url: 'https://acme.pagerduty.com/incidents/Q2G9NXK5VDX1AB',
        number: 4217,
        status: 'triggered',
        incident_key: 'b7d3c1e0a9f24b5c8e6d4a2f1c0b9e8d',
        created_at: '2024-08-01T14:03:41Z',
        title: 'Checkout API error rate above 5% for 5 minutes',
        service: { html_url: 'https://acme.pagerduty.com/services/PF9KMXH', id: 'PF9KMXH', self: 'https://api.pagerduty.com/services/PF9KMXH', summary: 'Checkout API', type: 'service_reference' },
        assignees: [{ html_url: 'https://acme.pagerduty.com/users/PTUXL6G', id: 'PTUXL6G', self: 'https://api.pagerduty.com/users/PTUXL6G', summary: 'Earline Greenholt', type: 'user_reference' }],
        escalation_policy: {
          html_url: 'https://acme.pagerduty.com/escalation_policies/PUS0KTE',
          id: 'PUS0KTE',
          self: 'https://api.pagerduty.com/escalation_policies/PUS0KTE',
          summary: 'Payments on-call',
          type: 'escalation_policy_reference',
        },
        teams: [{ html_url: 'https://acme.pagerduty.com/teams/PFCVPS0', id: 'PFCVPS0', self: 'https://api.pagerduty.com/teams/PFCVPS0', summary: 'Payments', type: 'team_reference' }],
        priority: { html_url: 'https://acme.pagerduty.com/account/incident_priorities', id: 'PSO75BM', self: 'https://api.pagerduty.com/priorities/PSO75BM', summary: 'P1', type: 'priority' },
        urgency: 'high',
        conference_bridge: { conference_number: '+1 415-555-0100,,,,123456#', conference_url: 'https://meet.example.com/checkout-war-room' },
        resolve_reason: null,
      },
    },
  },
};

/** `incident.acknowledged`: not a new incident, so the template lets it go. */
export const pagerdutyIncidentAcknowledged: TemplateSample = {
  id: 'incident.acknowledged',
  label: 'incident.acknowledged (ignored)',
  headers: { 'User-Agent': 'PagerDuty-Webhook/V3.0', 'X-Webhook-Id': '01F0GJ6ZP2W4Y6A8C0E2G4J6L8', 'X-Webhook-Subscription': 'PSDVRLB' },
  contentType: 'application/json',
  expect: 'skips',
  body: {
    event: {
      id: '01F0GJ6ZP2W4Y6A8C0E2G4J6L8',
      event_type: 'incident.acknowledged',
      resource_type: 'incident',
      occurred_at: '2024-08-01T14:05:10.004Z',
      agent: { html_url: 'https://acme.pagerduty.com/users/PTUXL6G', id: 'PTUXL6G', self: 'https://api.pagerduty.com/users/PTUXL6G', summary: 'Earline Greenholt', type: 'user_reference' },
      client: null,
      data: {
        id: 'Q2G9NXK5VDX1AB',
        type: 'incident',
        html_url: 'https://acme.pagerduty.com/incidents/Q2G9NXK5VDX1AB',
        number: 4217,
        status: 'acknowledged',
        title: 'Checkout API error rate above 5% for 5 minutes',
        service: { id: 'PF9KMXH', summary: 'Checkout API', type: 'service_reference' },
        urgency: 'high',
      },
    },
  },
};
