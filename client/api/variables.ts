import { z } from 'zod';
import { variableViewSchema } from '../../shared/variables/variable-schema.js';
import type { Http } from './http.js';

const enc = encodeURIComponent;
const listSchema = z.object({ variables: z.array(variableViewSchema) });

/** Settings › Variables: `vars.NAME` in every expression and code step (api: /api/variables). */
export function createVariablesApi({ request, requestMaybe }: Pick<Http, 'request' | 'requestMaybe'>) {
  return {
    list: async () => (await request('GET', '/api/variables', listSchema)).variables,
    create: (body: { name: string; value: string; secret: boolean }) => request('POST', '/api/variables', variableViewSchema, { body }),
    update: (name: string, body: { value?: string; secret?: boolean }) => request('PUT', `/api/variables/${enc(name)}`, variableViewSchema, { body }),
    remove: (name: string) => requestMaybe('DELETE', `/api/variables/${enc(name)}`, z.unknown()),
  };
}
export type VariablesApi = ReturnType<typeof createVariablesApi>;
