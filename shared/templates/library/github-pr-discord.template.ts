import { defineTemplate } from '../define-template.js';
import { githubSecret } from './common-credentials.js';
import { edge } from './common-graph.js';
import { githubPullRequestOpened } from '../samples/github.samples.js';

export const githubPrDiscord = defineTemplate({
  id: 'github-pull-request-discord',
  name: 'GitHub pull request opened → Discord',
  description: 'Announces every new (non-draft) pull request in a Discord channel, with its title, author, branches, size and a link for review.',
  category: 'dev tools',
  tags: ['github', 'discord', 'code review', 'pull requests'],
  trigger: {
    provider: 'GitHub',
    events: ['pull_request.opened'],
    auth: 'github',
    setup:
      'In GitHub, open the repository\'s Settings → Webhooks → Add webhook: paste the trigger URL as Payload URL, Content type application/json, the same secret as the credential, and pick "Pull requests" under individual events.',
  },
  credentials: [
    githubSecret,
    { key: 'discordWebhook', type: 'webhook-url', label: 'Discord channel webhook', help: 'Discord → Server Settings → Integrations → Webhooks → New Webhook → pick the channel → Copy Webhook URL.' },
  ],
  inputs: [],
  workflow: {
    nodes: [
      { id: 'github', type: 'webhook', label: 'GitHub event', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'github', credentialId: '[[credentials.githubSecret]]' } } },
      {
        id: 'opened',
        type: 'filter',
        label: 'PR opened, not a draft?',
        position: { x: 280, y: 0 },
        config: {
          combinator: 'and',
          rules: [
            { field: 'trigger.headers["x-github-event"]', operator: 'equals', value: 'pull_request' },
            { field: 'trigger.body.action', operator: 'equals', value: 'opened' },
            { field: 'trigger.body.pull_request.draft', operator: 'is_false' },
          ],
        },
      },
      {
        id: 'discord',
        type: 'discord',
        label: 'Post to Discord',
        position: { x: 560, y: 0 },
        config: {
          credentialId: '[[credentials.discordWebhook]]',
          username: 'GitHub',
          content: 'New pull request in **{{ trigger.body.repository.full_name }}** by {{ trigger.body.sender.login }}',
          embeds: [
            {
              title: '#{{ trigger.body.number }} {{ trigger.body.pull_request.title }}',
              url: '{{ trigger.body.pull_request.html_url }}',
              description: '{{ (trigger.body.pull_request.body || "").slice(0, 500) }}',
              color: 2337372,
              author: { name: '{{ trigger.body.sender.login }}', url: '{{ trigger.body.sender.html_url }}', icon_url: '{{ trigger.body.sender.avatar_url }}' },
              fields: [
                { name: 'Branch', value: '{{ trigger.body.pull_request.head.ref }} → {{ trigger.body.pull_request.base.ref }}', inline: true },
                {
                  name: 'Changes',
                  value: '+{{ trigger.body.pull_request.additions }} −{{ trigger.body.pull_request.deletions }} in {{ trigger.body.pull_request.changed_files }} files',
                  inline: true,
                },
              ],
            },
          ],
        },
      },
    ],
    edges: [edge('github', 'opened'), edge('opened', 'discord')],
  },
  samples: [githubPullRequestOpened],
});
