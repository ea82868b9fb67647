import type { z } from 'zod';
import type { CredentialTypeDescriptor } from './define-credential-type.js';
import { basicCredential, headerCredential, webhookSecretCredential, webhookUrlCredential } from './webhook-credentials.js';
import { httpBasicCredential, httpBearerCredential, httpHeaderCredential, httpQueryCredential } from './http-auth-credentials.js';
import { oauth2Credential } from './oauth2-credential.js';
import { hubspotCredential, mailchimpCredential, pagerdutyCredential, slackCredential, smtpCredential, twilioCredential } from './app-credentials.js';

/** Every credential type, by its `type` id. */
export const credentialTypes = {
  'webhook-secret': webhookSecretCredential,
  basic: basicCredential,
  header: headerCredential,
  'webhook-url': webhookUrlCredential,
  slack: slackCredential,
  hubspot: hubspotCredential,
  twilio: twilioCredential,
  pagerduty: pagerdutyCredential,
  mailchimp: mailchimpCredential,
  smtp: smtpCredential,
  'http-bearer': httpBearerCredential,
  'http-basic': httpBasicCredential,
  'http-header': httpHeaderCredential,
  'http-query': httpQueryCredential,
  oauth2: oauth2Credential,
} as const;

export type CredentialType = keyof typeof credentialTypes;
/** The decrypted data of a credential of type `T`. */
export type CredentialData<T extends CredentialType> = z.output<(typeof credentialTypes)[T]['schema']>;
/** A decrypted credential, discriminated by its type. */
export type TypedCredential = { [T in CredentialType]: { type: T; data: CredentialData<T> } }[CredentialType];

/** The ids, for z.enum and error messages. */
export const credentialTypeIds = Object.keys(credentialTypes) as [CredentialType, ...CredentialType[]];

/** The descriptor of a type id, or undefined for an unknown one. */
export function getCredentialType(type: string): CredentialTypeDescriptor | undefined {
  return Object.hasOwn(credentialTypes, type) ? credentialTypes[type as CredentialType] : undefined;
}

/**
 * The secret strings inside a credential's data: the values to redact from run records.
 * Basic auth also yields its `Authorization` form, which holds the password only encoded.
 */
export function secretValuesOf(type: CredentialType, data: Record<string, unknown>, encodeBase64: (text: string) => string): string[] {
  const out: string[] = [];
  for (const field of credentialTypes[type].secretFields) {
    const v = data[field];
    if (typeof v === 'string' && v !== '') out.push(v);
  }
  if ((type === 'basic' || type === 'http-basic') && typeof data.username === 'string' && typeof data.password === 'string') {
    out.push(encodeBase64(`${data.username}:${data.password}`));
  }
  return out;
}
