import { z } from 'zod';

/** Where each app's API lives; tests point them at local fakes. Webhook apps and SMTP use their credential's address. */
export interface AppBaseUrls {
  slack: string;
  hubspot: string;
  /** May contain `{dc}`, replaced by the datacenter at the end of the API key (`…-us21`). */
  mailchimp: string;
  pagerduty: string;
  twilio: string;
}

const httpUrl = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((v) => URL.canParse(v.replaceAll('{dc}', 'us1')) && /^https?:$/.test(new URL(v.replaceAll('{dc}', 'us1')).protocol), 'must be an http(s) URL')
    .transform((v) => v.replace(/\/+$/, ''));

/** The environment variables of app base URLs, with the public APIs as defaults (spread into the config's env schema). */
export const appBaseUrlEnv = {
  SLACK_API_URL: httpUrl('https://slack.com/api'),
  HUBSPOT_API_URL: httpUrl('https://api.hubapi.com'),
  MAILCHIMP_API_URL: httpUrl('https://{dc}.api.mailchimp.com'),
  PAGERDUTY_EVENTS_URL: httpUrl('https://events.pagerduty.com'),
  TWILIO_API_URL: httpUrl('https://api.twilio.com'),
};

type AppBaseUrlEnv = { [K in keyof typeof appBaseUrlEnv]: string };

/** The parsed variables as `config.appBaseUrls`. */
export function appBaseUrlsFrom(e: AppBaseUrlEnv): AppBaseUrls {
  return { slack: e.SLACK_API_URL, hubspot: e.HUBSPOT_API_URL, mailchimp: e.MAILCHIMP_API_URL, pagerduty: e.PAGERDUTY_EVENTS_URL, twilio: e.TWILIO_API_URL };
}
