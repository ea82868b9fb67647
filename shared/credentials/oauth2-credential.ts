import { z } from 'zod';
import { defineCredentialType } from './define-credential-type.js';
import { secretField, textField } from './field.js';
import { oauth2PresetIds, presetOf, type OAuth2Preset } from './oauth2-presets.js';
import { lazySchema } from '../lazy-schema.js';

const url = (title: string, description: string) =>
  z
    .url({ protocol: /^https?$/, error: `${title} must be a full https:// (or http://) address.` })
    .max(2048, `${title} is longer than 2048 characters.`)
    .meta({ title, description })
    .optional();

/**
 * An OAuth2 client: what Switchyard needs to obtain tokens for a person's account (authorization
 * code with PKCE) or for the app itself (client credentials). The tokens are not part of this
 * data: they live sealed beside it (server/oauth/) and are never accepted from or shown to a caller.
 */
export const oauth2Credential = defineCredentialType({
  type: 'oauth2',
  title: 'OAuth2',
  description: 'Connect an account with OAuth2 (HubSpot, Slack, Google, Microsoft, GitHub or any provider): Switchyard keeps its tokens fresh.',
  app: 'http',
  schema: lazySchema(() =>
    z
      .strictObject({
        preset: z.enum(oauth2PresetIds).default('custom').meta({ title: 'Provider', description: 'A preset fills the URLs and scopes; custom: fill them yourself.' }),
        grantType: z
          .enum(['authorizationCode', 'clientCredentials'])
          .default('authorizationCode')
          .meta({ title: 'Grant', description: 'authorizationCode: a person connects their account. clientCredentials: the app acts as itself, no person.' }),
        clientId: textField('Client ID', 'From the app you registered with the provider.', 512),
        clientSecret: secretField('Client secret', 'From the same app. Leave empty for a public client (PKCE only).', 1024).optional(),
        authorizationUrl: url('Authorization URL', 'Where the person consents. Filled by the preset.'),
        tokenUrl: url('Token URL', 'Where tokens are obtained and refreshed. Filled by the preset.'),
        issuer: url('Issuer', 'For OpenID Connect providers: the issuer their id_tokens name. Filled by the preset when known.'),
        scopes: z.string().max(2000, 'Scopes are longer than 2000 characters.').meta({ title: 'Scopes', description: "Space- or comma-separated. Empty: the preset's scopes." }).optional(),
        authorizationParams: z
          .record(z.string().max(100), z.string().max(1000))
          .meta({ title: 'Extra authorization parameters', description: 'Added to the consent URL, e.g. {"prompt": "consent"}.' })
          .optional(),
        clientAuthentication: z
          .enum(['header', 'body'])
          .optional()
          .meta({ title: 'Client authentication', description: 'How the client ID and secret reach the token endpoint: header (HTTP Basic) or body (form fields).' }),
        tokenPlacement: z.enum(['header', 'query']).default('header').meta({ title: 'Send the token in', description: 'header: Authorization: Bearer <token>. query: a URL parameter (see below).' }),
        tokenQueryName: z.string().min(1).max(100).default('access_token').meta({ title: 'Query parameter', description: 'The URL parameter for the token when it goes in the query.' }),
      })
      .superRefine((v, ctx) => {
        const preset = presetOf(v.preset);
        if (!preset && !v.tokenUrl) ctx.addIssue({ code: 'custom', message: 'Give the token URL (or pick a provider preset).', path: ['tokenUrl'] });
        if (!preset && v.grantType === 'authorizationCode' && !v.authorizationUrl) {
          ctx.addIssue({ code: 'custom', message: 'Give the authorization URL (or pick a provider preset).', path: ['authorizationUrl'] });
        }
        if (v.grantType === 'clientCredentials' && !v.clientSecret) ctx.addIssue({ code: 'custom', message: 'The client credentials grant needs the client secret.', path: ['clientSecret'] });
      }),
  ),
  secretFields: ['clientSecret'],
});

export type OAuth2Data = z.output<typeof oauth2Credential.schema>;

/** A credential's client settings with its preset's defaults filled in: what the protocol code uses. */
export interface OAuth2Client {
  grantType: OAuth2Data['grantType'];
  clientId: string;
  clientSecret?: string;
  authorizationUrl?: string;
  tokenUrl: string;
  issuer: string;
  scopes: string[];
  authorizationParams: Record<string, string>;
  clientAuthentication: 'header' | 'body';
  tokenPlacement: OAuth2Data['tokenPlacement'];
  tokenQueryName: string;
}

/** Splits "a b,c" into scopes. */
export const splitScopes = (text: string | undefined): string[] => (text ?? '').split(/[\s,]+/).filter((s) => s !== '');

/**
 * The client of a credential, preset defaults under the person's own values. The issuer, when
 * none is known, is the token URL's origin: providers that put `iss` in their answers are the
 * OpenID Connect ones, and those have a preset or an issuer field filled.
 */
export function oauth2ClientOf(d: OAuth2Data): OAuth2Client {
  const p: OAuth2Preset | undefined = presetOf(d.preset);
  const tokenUrl = d.tokenUrl ?? p?.tokenUrl ?? '';
  return {
    grantType: d.grantType,
    clientId: d.clientId,
    ...(d.clientSecret !== undefined ? { clientSecret: d.clientSecret } : {}),
    ...((d.authorizationUrl ?? p?.authorizationUrl) ? { authorizationUrl: d.authorizationUrl ?? p?.authorizationUrl } : {}),
    tokenUrl,
    issuer: d.issuer ?? p?.issuer ?? (URL.canParse(tokenUrl) ? new URL(tokenUrl).origin : tokenUrl),
    scopes: splitScopes(d.scopes ?? p?.scopes),
    authorizationParams: { ...p?.authorizationParams, ...d.authorizationParams },
    clientAuthentication: d.clientAuthentication ?? p?.clientAuthentication ?? 'header',
    tokenPlacement: d.tokenPlacement,
    tokenQueryName: d.tokenQueryName,
  };
}
