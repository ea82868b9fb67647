import { afterAll, beforeAll } from 'vitest';
import { startHubspotFake } from '../../support/fakes/hubspot-fake.js';
import { startSlackFake } from '../../support/fakes/slack-fake.js';
import { createCredential, instantiate, startTestApp, type TemplateApp } from './support.js';

/** What a HubSpot + Slack template needs: its trigger's secret (and the slot it fills), both tokens and the channel. */
export interface HubspotSlackSetup {
  secretSlot: string;
  secret: string;
  botToken: string;
  hubspotToken: string;
  channel: string;
}

/**
 * The fixture of templates that write to HubSpot and post with a Slack bot: both fakes, an app
 * pointed at them, and the template instantiated (active) with a webhook secret, a HubSpot and a
 * Slack credential, started before the file's tests and stopped after them. Read the fields
 * inside tests (they exist once `beforeAll` ran).
 */
export function useHubspotSlackTemplate(templateId: string, s: HubspotSlackSetup) {
  const env = {} as {
    t: TemplateApp;
    slack: Awaited<ReturnType<typeof startSlackFake>>;
    hubspot: Awaited<ReturnType<typeof startHubspotFake>>;
    hook: Awaited<ReturnType<typeof instantiate>>;
  };
  beforeAll(async () => {
    env.slack = await startSlackFake({ botToken: s.botToken });
    env.hubspot = await startHubspotFake({ accessToken: s.hubspotToken });
    env.t = await startTestApp({ SLACK_API_URL: `${env.slack.url}/api`, HUBSPOT_API_URL: env.hubspot.url });
    env.hook = await instantiate(
      env.t,
      templateId,
      {
        [s.secretSlot]: await createCredential(env.t, 'webhook-secret', { secret: s.secret }),
        hubspot: await createCredential(env.t, 'hubspot', { accessToken: s.hubspotToken }),
        slack: await createCredential(env.t, 'slack', { botToken: s.botToken }),
      },
      { channel: s.channel },
    );
  });
  afterAll(async () => {
    await env.t?.stop();
    await env.slack?.close();
    await env.hubspot?.close();
  });
  return env;
}
