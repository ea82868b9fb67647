import { z } from 'zod';
import type { Http } from './http.js';

/** The data store as Settings shows it (`/api/datastore`, docs/api.md#data-store). */

export const dataEntrySchema = z.object({ scope: z.string(), key: z.string(), value: z.unknown(), expiresAt: z.number().nullable(), updatedAt: z.number() });
export type DataEntry = z.infer<typeof dataEntrySchema>;
const pageSchema = z.object({ items: z.array(dataEntrySchema), nextCursor: z.string().nullable() });
const entrySchema = z.object({ entry: dataEntrySchema });
const enc = encodeURIComponent;

/** The data store calls of the API client. */
export function createDataStoreApi({ request, requestMaybe }: Http) {
  return {
    list: (q: { scope?: string; prefix?: string; cursor?: string; limit?: number }) => {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') qs.set(k, String(v));
      return request('GET', `/api/datastore?${qs.toString()}`, pageSchema);
    },
    put: (scope: string, key: string, value: unknown, ttlSeconds?: number) =>
      request('PUT', `/api/datastore/${enc(scope)}/${enc(key)}`, entrySchema, { body: { value, ...(ttlSeconds ? { ttlSeconds } : {}) } }),
    remove: (scope: string, key: string) => requestMaybe('DELETE', `/api/datastore/${enc(scope)}/${enc(key)}`, z.unknown()),
  };
}
export type DataStoreApi = ReturnType<typeof createDataStoreApi>;
