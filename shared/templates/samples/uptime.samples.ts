import type { TemplateSample } from '../define-template.js';

/**
 * UptimeRobot webhook alerts with "Send as JSON" and the POST value from the template's
 * setup (its documented alert variables). `alertType` is 1 for down, 2 for up.
 */
const monitor = { monitorID: '797865432', monitorURL: 'https://shop.example.com/healthz', monitorFriendlyName: 'Shop health check' };

export const uptimeDown: TemplateSample = {
  id: 'monitor.down',
  label: 'Monitor down: connection timeout',
  headers: { 'User-Agent': 'UptimeRobot/2.0' },
  contentType: 'application/json',
  expect: 'acts',
  body: { ...monitor, alertType: '1', alertTypeFriendlyName: 'Down', alertDetails: 'Connection Timeout', alertDuration: '0', alertDateTime: '1722521400' },
};

export const uptimeUp: TemplateSample = {
  id: 'monitor.up',
  label: 'Monitor up again after 6 minutes',
  headers: { 'User-Agent': 'UptimeRobot/2.0' },
  contentType: 'application/json',
  expect: 'acts',
  body: { ...monitor, alertType: '2', alertTypeFriendlyName: 'Up', alertDetails: 'HTTP 200 - OK', alertDuration: '360', alertDateTime: '1722521760' },
};
