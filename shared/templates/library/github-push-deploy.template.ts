import { defineTemplate } from '../define-template.js';
import { githubSecret } from './common-credentials.js';
import { edge } from './common-graph.js';
import { githubPushBranch, githubPushMain } from '../samples/github.samples.js';

export const githubPushDeploy = defineTemplate({
  id: 'github-push-deploy-hook',
  name: 'Push to main → deploy hook',
  description:
    'Calls your deploy hook (Vercel, Netlify, Render, your own CI) when commits land on the main branch; pushes to other branches and branch deletions are ignored. Retries if the deploy service is briefly down.',
  category: 'dev tools',
  tags: ['github', 'deploy', 'ci', 'http'],
  trigger: {
    provider: 'GitHub',
    events: ['push'],
    auth: 'github',
    setup:
      'In GitHub, open the repository\'s Settings → Webhooks → Add webhook: paste the trigger URL as Payload URL, Content type application/json, the same secret as the credential, and "Just the push event".',
  },
  credentials: [githubSecret],
  inputs: [
    {
      key: 'deployHookUrl',
      kind: 'url',
      label: 'Deploy hook URL',
      help: 'The URL that starts a deploy when POSTed to, e.g. Vercel → Project → Settings → Git → Deploy Hooks, or Netlify → Site → Build hooks.',
      placeholder: 'https://api.vercel.com/v1/integrations/deploy/…',
    },
    {
      key: 'branch',
      kind: 'text',
      label: 'Branch',
      help: 'Only pushes to this branch deploy.',
      default: 'main',
      pattern: '[A-Za-z0-9._/-]{1,200}',
      patternMessage: 'Branch must be a branch name such as main or release/2024.',
    },
  ],
  workflow: {
    nodes: [
      { id: 'github', type: 'webhook', label: 'GitHub push', position: { x: 0, y: 0 }, config: { auth: { kind: 'signature', preset: 'github', credentialId: '[[credentials.githubSecret]]' } } },
      {
        id: 'main_only',
        type: 'filter',
        label: 'Push to the branch?',
        position: { x: 280, y: 0 },
        config: {
          combinator: 'and',
          rules: [
            { field: 'trigger.headers["x-github-event"]', operator: 'equals', value: 'push' },
            { field: 'trigger.body.ref', operator: 'equals', value: 'refs/heads/[[inputs.branch]]' },
            { field: 'trigger.body.deleted', operator: 'is_false' },
          ],
        },
      },
      {
        id: 'deploy',
        type: 'http',
        label: 'Call deploy hook',
        position: { x: 560, y: 0 },
        config: {
          method: 'POST',
          url: '[[inputs.deployHookUrl]]',
          headers: { 'content-type': 'application/json' },
          body: {
            repository: '{{ trigger.body.repository.full_name }}',
            ref: '{{ trigger.body.ref }}',
            commit: '{{ trigger.body.after }}',
            message: '{{ trigger.body.head_commit.message }}',
            pusher: '{{ trigger.body.pusher.name }}',
          },
          retry: { attempts: 5 },
        },
      },
    ],
    edges: [edge('github', 'main_only'), edge('main_only', 'deploy')],
  },
  samples: [githubPushMain, githubPushBranch],
});
