import { z } from 'zod';
import { defineNodeType } from './define-node-type.js';
import { durationSchemaUpTo } from './duration.js';
import { MAX_WAIT_MS, TIMEOUT_OUTPUT } from './wait.node.js';
import { lazySchema } from '../lazy-schema.js';

export const approvalConfigSchema = lazySchema(() =>
  z.object({
    /** How long the links work; after that the step takes "timeout" and the links say the request expired. */
    timeout: durationSchemaUpTo(MAX_WAIT_MS)
      .default('3d')
      .meta({ title: 'Links expire after', primary: true, description: 'After this ("3d", "12h"; at most 365 days) the links refuse with "expired" and the step takes "Timed out".' }),
    /** What the person is asked, shown on the page the links open (templates allowed). */
    question: z
      .string()
      .max(2000)
      .default('Approve this request?')
      .meta({ title: 'Question', primary: true, description: 'Shown on the page the links open; templates allowed, e.g. "Refund {{ trigger.body.amount }} EUR?".' }),
  }),
);
export type ApprovalConfig = z.infer<typeof approvalConfigSchema>;

export const approvalNode = defineNodeType({
  type: 'approval',
  version: 1,
  title: 'Approval',
  description: 'Waits for a person to approve or reject: put {{ steps.<id>.approveUrl }} and {{ steps.<id>.rejectUrl }} in an email or Slack step before it.',
  category: 'logic',
  icon: '✅',
  kind: 'step',
  outputs: [
    { id: 'approve', label: 'Approved' },
    { id: 'reject', label: 'Rejected' },
    { id: TIMEOUT_OUTPUT, label: 'Timed out' },
  ],
  configSchema: approvalConfigSchema,
  defaults: { timeout: '3d', question: 'Approve this request?' },
  summarize: (c) => `${c.question} (links work ${typeof c.timeout === 'number' ? `${c.timeout} ms` : c.timeout})`,
});
