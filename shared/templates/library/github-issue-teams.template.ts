import { defineTemplate } from '../define-template.js';
import { githubSecret, teamsWebhook } from './common-credentials.js';
import { edge } from './common-graph.js';
import { githubIssueOpened } from '../samples/github.samples.js';

export const githubIssueTeams = defineTemplate({
  id: 'github-issue-teams',
  name: 'GitHub issue opened → Microsoft Teams',
  description: 'Posts new GitHub issues to a Microsoft Teams channel as a card with the repository, author, labels and a link to the issue.',
  category: 'dev tools',
  tags: ['github', 'microsoft teams', 'issues', 'triage'],
  trigger: {
    provider: 'GitHub',
    events: ['issues.opened'],
    auth: 'github',
    setup:
      'In GitHub, open the repository\'s Settings → Webhooks → Add webhook: paste the trigger URL as Payload URL, Content type application/json, the same secret as the credential, and pick "Issues" under individual events.',
  },
  credentials: [githubSecret, teamsWebhook],
  inputs: [],
  workflow: {
    nodes: [
      { id: 'github', type: 'webhook', label: 'GitHub event', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'github', credentialId: '[[credentials.githubSecret]]' } } },
      {
        id: 'opened',
        type: 'filter',
        label: 'Issue opened?',
        position: { x: 280, y: 0 },
        config: {
          combinator: 'and',
          rules: [
            { field: 'trigger.headers["x-github-event"]', operator: 'equals', value: 'issues' },
            { field: 'trigger.body.action', operator: 'equals', value: 'opened' },
          ],
        },
      },
      {
        id: 'teams',
        type: 'teams',
        label: 'Post to Teams',
        position: { x: 560, y: 0 },
        config: {
          credentialId: '[[credentials.teamsWebhook]]',
          title: 'New issue #{{ trigger.body.issue.number }}: {{ trigger.body.issue.title }}',
          text: '{{ (trigger.body.issue.body || "(no description)").slice(0, 1000) }}',
          linkUrl: '{{ trigger.body.issue.html_url }}',
          facts: {
            Repository: '{{ trigger.body.repository.full_name }}',
            'Opened by': '{{ trigger.body.issue.user.login }}',
            Labels: '{{ trigger.body.issue.labels.map((l) => l.name).join(", ") || "none" }}',
          },
        },
      },
    ],
    edges: [edge('github', 'opened'), edge('opened', 'teams')],
  },
  samples: [githubIssueOpened],
});
