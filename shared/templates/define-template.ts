import type { CredentialType } from '../credentials/credential-types.js';
import type { WorkflowDefinitionInput } from '../graph/workflow-schema.js';

/** Gallery groups, in the order the editor shows them. */
export const templateCategories = ['payments', 'dev tools', 'e-commerce', 'incidents', 'messaging', 'marketing'] as const;
export type TemplateCategory = (typeof templateCategories)[number];

/** How the template's trigger authenticates senders: a signature preset, or basic/header auth. */
export type TemplateAuth = 'stripe' | 'github' | 'shopify' | 'slack' | 'twilio' | 'pagerduty' | 'standard-webhooks' | 'hmac' | 'basic' | 'header';

/** A credential the wizard asks for; `key` names it in `[[credentials.key]]` placeholders. */
export interface TemplateCredential {
  key: string;
  type: CredentialType;
  label: string;
  /** Where to find the value in the provider's dashboard. */
  help: string;
}

/** The kinds of plain values a template input takes; each has its own check. */
export const templateInputKinds = ['text', 'url', 'email', 'phone', 'number', 'duration', 'select'] as const;
export type TemplateInputKind = (typeof templateInputKinds)[number];

/** Any other value the wizard asks for (a Slack channel, a deploy hook URL, a threshold). */
export interface TemplateInput {
  key: string;
  label: string;
  help: string;
  kind: TemplateInputKind;
  /** Defaults to true; an optional input without a default becomes an empty string. */
  required?: boolean;
  default?: string | number;
  placeholder?: string;
  /** For `select`. */
  options?: readonly string[];
  /** For `number`. */
  min?: number;
  max?: number;
  integer?: boolean;
  /** For `text`: a regular expression the whole value must match, and what to say when it does not. */
  pattern?: string;
  patternMessage?: string;
  maxLength?: number;
}

/** A request the provider really sends, in its documented shape; signature headers are left to the sender. */
export interface TemplateSample {
  id: string;
  label: string;
  method?: 'POST' | 'GET' | 'PUT';
  headers: Readonly<Record<string, string>>;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  /** JSON, or the fields of a form post. */
  body: unknown;
  /** `acts`: the workflow does its work on it. `skips`: a filter ends the run early (by design). */
  expect: 'acts' | 'skips';
}

/** The graph with `[[credentials.key]]` and `[[inputs.key]]` placeholders in config strings. */
export type TemplateWorkflow = Omit<WorkflowDefinitionInput, 'name'>;

/** One template of the gallery: what it does, what it needs, the graph, and sample events. */
export interface WorkflowTemplate {
  id: string;
  name: string;
  description: string;
  category: TemplateCategory;
  tags: readonly string[];
  trigger: {
    /** The sender, as people know it ("Stripe"). */
    provider: string;
    /** The provider's event names this template reacts to. */
    events: readonly string[];
    auth: TemplateAuth;
    /** What to do in the provider's dashboard with the trigger URL once the workflow exists. */
    setup: string;
  };
  credentials: readonly TemplateCredential[];
  inputs: readonly TemplateInput[];
  workflow: TemplateWorkflow;
  samples: readonly TemplateSample[];
}

/** Declares a template; the identity function keeps the literal checked against the type. */
export function defineTemplate(t: WorkflowTemplate): WorkflowTemplate {
  return t;
}
