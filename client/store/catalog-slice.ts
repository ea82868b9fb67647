import type { NodeTypeInfo } from '../api/types.js';
import type { Slice } from './slice.js';

/** The node types the server offers, for the palette and the forms. */
export interface CatalogSlice {
  catalog: { status: 'idle' | 'loading' | 'ready' | 'error'; types: NodeTypeInfo[]; error?: string };
  loadCatalog: () => Promise<void>;
  typeInfo: (type: string) => NodeTypeInfo | undefined;
}

export const createCatalogSlice: Slice<CatalogSlice> =
  ({ api }) =>
  (set, get) => ({
    catalog: { status: 'idle', types: [] },
    loadCatalog: async () => {
      if (get().catalog.status === 'loading' || get().catalog.status === 'ready') return;
      set({ catalog: { status: 'loading', types: [] } });
      try {
        const { nodeTypes } = await api.nodeTypes();
        set({ catalog: { status: 'ready', types: nodeTypes } });
      } catch (e) {
        set({ catalog: { status: 'error', types: [], error: e instanceof Error ? e.message : String(e) } });
      }
    },
    typeInfo: (type) => get().catalog.types.find((t) => t.type === type),
  });
