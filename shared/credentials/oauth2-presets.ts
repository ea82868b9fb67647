/**
 * OAuth2 provider presets: the URLs and scopes a person would otherwise copy from the
 * provider's documentation. A preset fills only what the credential leaves empty, at the
 * moment it is used, so a later fix to a preset reaches credentials saved before it.
 * docs/integrations.md says how to register an app with each provider.
 */
export interface OAuth2Preset {
  id: string;
  title: string;
  authorizationUrl: string;
  tokenUrl: string;
  /** Space-separated, as the provider expects them by default. */
  scopes: string;
  /** Authorization parameters the provider needs for a refresh token (Google's `access_type=offline`). */
  authorizationParams: Record<string, string>;
  /** The issuer its id_tokens and authorization responses name, when it is an OpenID Connect provider. */
  issuer?: string;
  /** How the client id and secret go to the token endpoint: HTTP Basic (`header`) or form fields (`body`). */
  clientAuthentication: 'header' | 'body';
}

/** Every preset, by id. `custom` has no defaults: the person fills every URL. */
export const oauth2Presets = {
  hubspot: {
    id: 'hubspot',
    title: 'HubSpot',
    authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
    tokenUrl: 'https://api.hubapi.com/oauth/v1/token',
    scopes: 'oauth crm.objects.contacts.read crm.objects.contacts.write crm.objects.deals.read crm.objects.deals.write',
    authorizationParams: {},
    clientAuthentication: 'body',
  },
  slack: {
    id: 'slack',
    title: 'Slack',
    authorizationUrl: 'https://slack.com/oauth/v2/authorize',
    tokenUrl: 'https://slack.com/api/oauth.v2.access',
    scopes: 'chat:write channels:read',
    authorizationParams: {},
    clientAuthentication: 'body',
  },
  google: {
    id: 'google',
    title: 'Google',
    authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scopes: 'openid email profile',
    // Without offline access Google issues no refresh token; consent again so a reconnect gets one too.
    authorizationParams: { access_type: 'offline', prompt: 'consent' },
    issuer: 'https://accounts.google.com',
    clientAuthentication: 'body',
  },
  microsoft: {
    id: 'microsoft',
    title: 'Microsoft (Entra ID, Microsoft Graph)',
    authorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    // offline_access gives the refresh token; no openid: the "common" tenant's id_tokens name each tenant as issuer.
    scopes: 'offline_access User.Read',
    authorizationParams: {},
    clientAuthentication: 'body',
  },
  github: {
    id: 'github',
    title: 'GitHub',
    authorizationUrl: 'https://github.com/login/oauth/authorize',
    tokenUrl: 'https://github.com/login/oauth/access_token',
    scopes: 'repo read:user',
    authorizationParams: {},
    clientAuthentication: 'body',
  },
} as const satisfies Record<string, OAuth2Preset>;

export type OAuth2PresetId = keyof typeof oauth2Presets;
/** Preset ids for the credential form, `custom` first. */
export const oauth2PresetIds = ['custom', ...(Object.keys(oauth2Presets) as OAuth2PresetId[])] as const;

/** The preset of an id, or undefined for `custom`. */
export const presetOf = (id: string): OAuth2Preset | undefined => (Object.hasOwn(oauth2Presets, id) ? oauth2Presets[id as OAuth2PresetId] : undefined);
