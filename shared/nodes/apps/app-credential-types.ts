import type { CredentialType } from '../../credentials/credential-types.js';

/**
 * The credential types an app action's `credentialId` takes, from its node type and config
 * (Slack's depends on the operation). The editor's picker offers only these and the runner
 * refuses others. Undefined: not an app action.
 */
export function appCredentialTypes(nodeType: string, config: Record<string, unknown>): readonly CredentialType[] | undefined {
  switch (nodeType) {
    case 'slack':
      return config.operation === 'postMessage' ? ['slack', 'oauth2'] : ['webhook-url'];
    case 'discord':
    case 'teams':
      return ['webhook-url'];
    case 'hubspot':
      return ['hubspot', 'oauth2'];
    case 'mailchimp':
      return ['mailchimp'];
    case 'pagerduty':
      return ['pagerduty'];
    case 'twilio':
      return ['twilio'];
    case 'email':
      return ['smtp'];
    default:
      return undefined;
  }
}
