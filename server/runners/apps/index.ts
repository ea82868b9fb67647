import type { z } from 'zod';
import type { appNodeTypes, AppNodeTypeId } from '../../../shared/nodes/apps/index.js';
import type { StepRunner } from '../runner.js';
import type { AppRunnerDeps } from './app-deps.js';
import { createDiscordRunner } from './discord.runner.js';
import { createEmailRunner, type EmailRunnerDeps } from './email.runner.js';
import { createHubspotRunner } from './hubspot.runner.js';
import { createMailchimpRunner } from './mailchimp.runner.js';
import { createPagerdutyRunner } from './pagerduty.runner.js';
import { createSlackRunner } from './slack.runner.js';
import { createTeamsRunner } from './teams.runner.js';
import { createTwilioRunner } from './twilio.runner.js';

/** One runner per app action, typed by its descriptor's config. */
export type AppRunners = { [K in AppNodeTypeId]: StepRunner<z.output<(typeof appNodeTypes)[K]['configSchema']>> };

/** Builds the app action runners: HTTP apps over the guarded deliverer, email over SMTP through the same egress guard. */
export function createAppRunners(deps: AppRunnerDeps & Pick<EmailRunnerDeps, 'guard' | 'connectTimeoutMs'>): AppRunners {
  return {
    slack: createSlackRunner(deps),
    discord: createDiscordRunner(deps),
    teams: createTeamsRunner(deps),
    hubspot: createHubspotRunner(deps),
    mailchimp: createMailchimpRunner(deps),
    pagerduty: createPagerdutyRunner(deps),
    twilio: createTwilioRunner(deps),
    email: createEmailRunner(deps),
  };
}
