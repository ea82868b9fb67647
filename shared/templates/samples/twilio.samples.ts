import type { TemplateSample } from '../define-template.js';

/**
 * An inbound SMS as Twilio posts it to a messaging webhook: a form post with every field
 * Twilio documents (X-Twilio-Signature is added by the sender, over the public URL + params).
 */
export const twilioInboundSms: TemplateSample = {
  id: 'inbound-sms',
  label: 'Inbound SMS: "Do you ship to Canada?"',
  headers: { 'User-Agent': 'TwilioProxy/1.1', 'I-Twilio-Idempotency-Token': '5a2f4c8e-1b3d-4e6f-8a0c-2e4f6a8c0e2f', 'X-Home-Region': 'us1' },
  contentType: 'application/x-www-form-urlencoded',
  expect: 'acts',
  body: {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: 'SM1f0e5d4c3b2a19081726354453627180',
    NumMedia: '0',
    ToCity: 'SAN FRANCISCO',
    FromZip: '10001',
    SmsSid: 'SM1f0e5d4c3b2a19081726354453627180',
    FromState: 'NY',
    SmsStatus: 'received',
    FromCity: 'NEW YORK',
    Body: 'Hi! Do you ship to Canada?',
    FromCountry: 'US',
    To: '+14155550100',
    ToZip: '94105',
    NumSegments: '1',
    MessageSid: 'SM1f0e5d4c3b2a19081726354453627180',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: '+12125550123',
    ApiVersion: '2010-04-01',
  },
};
