import type { TemplateSample } from '../define-template.js';

/** Headers GitHub sends with a delivery; X-Hub-Signature-256 is added by the sender. */
const githubHeaders = (event: string, delivery: string) => ({
  'User-Agent': 'GitHub-Hookshot/5b1a2f4',
  'X-GitHub-Event': event,
  'X-GitHub-Delivery': delivery,
  'X-GitHub-Hook-ID': '492837465',
  'X-GitHub-Hook-Installation-Target-ID': '708945123',
  'X-GitHub-Hook-Installation-Target-Type': 'repository',
});

const repository = {
  id: 708945123,
  node_id: 'R_kgDOKkGxsw',
  name: 'storefront',
  full_name: 'acme/storefront',
  private: true,
  html_url: 'https://github.com/acme/storefront',
  default_branch: 'main',
  owner: { login: 'acme', id: 9919, type: 'Organization', html_url: 'https://github.com/acme' },
};
const octocat = { login: 'octocat', id: 583231, avatar_url: 'https://avatars.githubusercontent.com/u/583231?v=4', html_url: 'https://github.com/octocat', type: 'User' };

/** `pull_request` with `action: opened`. */
export const githubPullRequestOpened: TemplateSample = {
  id: 'pull_request.opened',
  label: 'pull_request opened: "Add Apple Pay to checkout"',
  headers: githubHeaders('pull_request', '7c9d8e10-5b2a-11ef-8f4e-1c2a3b4c5d6e'),
  contentType: 'application/json',
  expect: 'acts',
  body: {
    action: 'opened',
    number: 1347,
    pull_request: {
      id: 2011223344,
      number: 1347,
      state: 'open',
      locked: false,
      title: 'Add Apple Pay to checkout',
      user: octocat,
      body: 'Adds Apple Pay as a payment method on the checkout page.\n\nCloses #1339.',
      html_url: 'https://github.com/acme/storefront/pull/1347',
      diff_url: 'https://github.com/acme/storefront/pull/1347.diff',
      draft: false,
      created_at: '2024-08-01T09:12:44Z',
      updated_at: '2024-08-01T09:12:44Z',
      head: { label: 'octocat:apple-pay', ref: 'apple-pay', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' },
      base: { label: 'acme:main', ref: 'main', sha: '9049f1265b7d61be4a8904a9a27120d2064dab3b' },
      additions: 214,
      deletions: 37,
      changed_files: 9,
      commits: 4,
    },
    repository,
    sender: octocat,
  },
};

/** `push` to `refs/heads/main`. */
export const githubPushMain: TemplateSample = {
  id: 'push.main',
  label: 'push to main: 2 commits',
  headers: githubHeaders('push', 'b1e2f3a4-5b2b-11ef-9a3c-2d3e4f5a6b7c'),
  contentType: 'application/json',
  expect: 'acts',
  body: {
    ref: 'refs/heads/main',
    before: '9049f1265b7d61be4a8904a9a27120d2064dab3b',
    after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: 'https://github.com/acme/storefront/compare/9049f1265b7d...0d1a26e67d8f',
    commits: [
      {
        id: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
        message: 'Add Apple Pay to checkout',
        timestamp: '2024-08-01T11:02:10+02:00',
        url: 'https://github.com/acme/storefront/commit/6dcb09b5b57875f334f61aebed695e2e4193db5e',
        author: { name: 'The Octocat', email: 'octocat@github.com', username: 'octocat' },
      },
      {
        id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
        message: 'Merge pull request #1347 from octocat/apple-pay',
        timestamp: '2024-08-01T11:04:51+02:00',
        url: 'https://github.com/acme/storefront/commit/0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
        author: { name: 'The Octocat', email: 'octocat@github.com', username: 'octocat' },
      },
    ],
    head_commit: {
      id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      message: 'Merge pull request #1347 from octocat/apple-pay',
      timestamp: '2024-08-01T11:04:51+02:00',
      url: 'https://github.com/acme/storefront/commit/0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      author: { name: 'The Octocat', email: 'octocat@github.com', username: 'octocat' },
    },
    pusher: { name: 'octocat', email: 'octocat@github.com' },
    repository,
    sender: octocat,
  },
};

/** `push` to a feature branch: the deploy template ignores it. */
export const githubPushBranch: TemplateSample = {
  id: 'push.feature',
  label: 'push to a feature branch (ignored)',
  headers: githubHeaders('push', 'c4d5e6f7-5b2b-11ef-8b1d-3e4f5a6b7c8d'),
  contentType: 'application/json',
  expect: 'skips',
  body: {
    ref: 'refs/heads/apple-pay',
    before: '5c2d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d',
    after: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    created: false,
    deleted: false,
    forced: false,
    base_ref: null,
    commits: [{ id: '6dcb09b5b57875f334f61aebed695e2e4193db5e', message: 'Add Apple Pay to checkout', author: { name: 'The Octocat', email: 'octocat@github.com', username: 'octocat' } }],
    head_commit: { id: '6dcb09b5b57875f334f61aebed695e2e4193db5e', message: 'Add Apple Pay to checkout' },
    pusher: { name: 'octocat', email: 'octocat@github.com' },
    repository,
    sender: octocat,
  },
};

/** `issues` with `action: opened`. */
export const githubIssueOpened: TemplateSample = {
  id: 'issues.opened',
  label: 'issues opened: "Checkout fails on Safari 17"',
  headers: githubHeaders('issues', 'd7e8f9a0-5b2c-11ef-94a7-4f5a6b7c8d9e'),
  contentType: 'application/json',
  expect: 'acts',
  body: {
    action: 'opened',
    issue: {
      id: 2455667788,
      number: 1352,
      title: 'Checkout fails on Safari 17',
      user: octocat,
      labels: [
        { id: 208045946, name: 'bug', color: 'd73a4a', default: true },
        { id: 208045947, name: 'checkout', color: '0e8a16', default: false },
      ],
      state: 'open',
      comments: 0,
      created_at: '2024-08-02T07:45:03Z',
      updated_at: '2024-08-02T07:45:03Z',
      html_url: 'https://github.com/acme/storefront/issues/1352',
      body: 'Steps to reproduce:\n1. Add any item to the cart\n2. Pay with Apple Pay on Safari 17.5\n\nThe button spins forever.',
    },
    repository,
    sender: octocat,
  },
};
