import { defineTemplate } from '../define-template.js';
import { uptimeDown, uptimeUp } from '../samples/uptime.samples.js';
import { edge } from './common-graph.js';

const alert = 'trigger.body';

export const uptimePagerduty = defineTemplate({
  id: 'uptime-alert-pagerduty',
  name: 'Outage alert → PagerDuty',
  description:
    'Turns uptime monitor alerts into PagerDuty incidents: a "down" alert triggers an incident for the monitor, and the matching "up" alert resolves it (same dedup key), so on-call is paged once and the incident closes itself.',
  category: 'incidents',
  tags: ['uptime', 'monitoring', 'uptimerobot', 'pagerduty', 'on-call'],
  trigger: {
    provider: 'UptimeRobot',
    events: ['monitor down', 'monitor up'],
    auth: 'header',
    setup:
      'In UptimeRobot, add an alert contact of type Webhook: URL to notify = the trigger URL, "Send as JSON" on, POST value {"monitorID":"*monitorID*","monitorURL":"*monitorURL*","monitorFriendlyName":"*monitorFriendlyName*","alertType":"*alertType*","alertTypeFriendlyName":"*alertTypeFriendlyName*","alertDetails":"*alertDetails*","alertDuration":"*alertDuration*","alertDateTime":"*alertDateTime*"}, and a custom header with the token of the credential. Then attach the contact to your monitors.',
  },
  credentials: [
    {
      key: 'monitorToken',
      type: 'header',
      label: 'Monitor token header',
      help: 'A header name and a long random value you choose (e.g. X-Monitor-Token); add the same header to the webhook alert contact in UptimeRobot.',
    },
    {
      key: 'pagerduty',
      type: 'pagerduty',
      label: 'PagerDuty integration key',
      help: 'PagerDuty → Services → your service → Integrations → Add an integration → Events API V2 → Integration Key (the routing key).',
    },
  ],
  inputs: [{ key: 'severity', kind: 'select', label: 'Severity', help: 'The PagerDuty severity of outage incidents.', options: ['critical', 'error', 'warning', 'info'], default: 'critical' }],
  workflow: {
    nodes: [
      { id: 'monitor', type: 'webhook', label: 'Monitor alert', position: { x: 0, y: 0 }, config: { auth: { kind: 'header', credentialId: '[[credentials.monitorToken]]' } } },
      { id: 'down', type: 'branch', label: 'Down?', position: { x: 280, y: 0 }, config: { combinator: 'and', rules: [{ field: `${alert}.alertType`, operator: 'equals', value: '1' }] } },
      {
        id: 'page',
        type: 'pagerduty',
        label: 'Trigger incident',
        position: { x: 560, y: -100 },
        config: {
          credentialId: '[[credentials.pagerduty]]',
          action: 'trigger',
          dedupKey: `uptime-{{ ${alert}.monitorID }}`,
          summary: `{{ ${alert}.monitorFriendlyName }} is down: {{ ${alert}.alertDetails }}`,
          source: `{{ ${alert}.monitorURL }}`,
          severity: '[[inputs.severity]]',
          customDetails: {
            monitor: `{{ ${alert}.monitorFriendlyName }}`,
            url: `{{ ${alert}.monitorURL }}`,
            details: `{{ ${alert}.alertDetails }}`,
            since: `{{ new Date(Number(${alert}.alertDateTime) * 1000).toISOString() }}`,
          },
        },
      },
      { id: 'up', type: 'filter', label: 'Up again?', position: { x: 560, y: 100 }, config: { combinator: 'and', rules: [{ field: `${alert}.alertType`, operator: 'equals', value: '2' }] } },
      {
        id: 'resolve',
        type: 'pagerduty',
        label: 'Resolve incident',
        position: { x: 840, y: 100 },
        config: { credentialId: '[[credentials.pagerduty]]', action: 'resolve', dedupKey: `uptime-{{ ${alert}.monitorID }}` },
      },
    ],
    edges: [edge('monitor', 'down'), edge('down', 'page', 'true'), edge('down', 'up', 'false'), edge('up', 'resolve')],
  },
  samples: [uptimeDown, uptimeUp],
});
