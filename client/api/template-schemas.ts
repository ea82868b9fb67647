import { z } from 'zod';

/** Response shapes of `/api/templates`: the gallery, one template, and what instantiating answers. */

export const templateCredentialSchema = z.object({ key: z.string(), type: z.string(), label: z.string(), help: z.string().default('') });
export type TemplateCredentialInfo = z.infer<typeof templateCredentialSchema>;

export const templateInputSchema = z.object({
  key: z.string(),
  label: z.string(),
  help: z.string().default(''),
  kind: z.enum(['text', 'url', 'email', 'phone', 'number', 'duration', 'select']),
  required: z.boolean().optional(),
  default: z.union([z.string(), z.number()]).optional(),
  placeholder: z.string().optional(),
  options: z.array(z.string()).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  pattern: z.string().optional(),
  patternMessage: z.string().optional(),
  maxLength: z.number().optional(),
});
export type TemplateInputInfo = z.infer<typeof templateInputSchema>;

const xy = z.object({ x: z.number(), y: z.number() });

export const templateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  tags: z.array(z.string()).default([]),
  trigger: z.object({ provider: z.string(), events: z.array(z.string()).default([]), auth: z.string(), setup: z.string().default('') }),
  credentials: z.array(templateCredentialSchema),
  inputs: z.array(templateInputSchema),
  nodeTypes: z.array(z.string()).default([]),
  preview: z.object({
    nodes: z.array(z.object({ id: z.string(), type: z.string(), label: z.string().optional(), position: xy })),
    edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string(), sourceHandle: z.string().nullish() })),
  }),
});
export type TemplateSummary = z.infer<typeof templateSummarySchema>;
export const templateListSchema = z.object({ templates: z.array(templateSummarySchema) });

/** What `POST /api/templates/:id/instantiate` takes. */
export interface TemplateChoices {
  name?: string;
  credentials: Record<string, string>;
  inputs: Record<string, string | number>;
  activate?: boolean;
}
