import type { Credential, CredentialChange, CredentialCreate, CredentialTypeInfo } from '../api/credential-schemas.js';
import type { Slice } from './slice.js';

/** Stored credentials (names and types, never data) and the forms of their types. */
export interface CredentialsSlice {
  credentials: { status: 'idle' | 'loading' | 'ready' | 'error'; items: Credential[]; types: CredentialTypeInfo[]; error?: string };
  /** Loads the list and the types; `force` reloads even when they are already here. */
  loadCredentials: (force?: boolean) => Promise<void>;
  createCredential: (input: CredentialCreate) => Promise<Credential>;
  updateCredential: (id: string, change: CredentialChange) => Promise<Credential>;
  deleteCredential: (id: string) => Promise<void>;
  credentialType: (type: string) => CredentialTypeInfo | undefined;
}

const byName = (a: Credential, b: Credential) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export const createCredentialsSlice: Slice<CredentialsSlice> =
  ({ api }) =>
  (set, get) => {
    const patch = (p: Partial<CredentialsSlice['credentials']>) => set({ credentials: { ...get().credentials, ...p } });
    return {
      credentials: { status: 'idle', items: [], types: [] },

      loadCredentials: async (force = false) => {
        const { status } = get().credentials;
        if (status === 'loading' || (status === 'ready' && !force)) return;
        patch({ status: 'loading' });
        try {
          const [list, types] = await Promise.all([api.credentials.list(), api.credentials.types()]);
          patch({ status: 'ready', items: [...list.credentials].sort(byName), types: types.types, error: undefined });
        } catch (e) {
          patch({ status: 'error', error: e instanceof Error ? e.message : String(e) });
        }
      },

      createCredential: async (input) => {
        const created = await api.credentials.create(input);
        patch({ items: [...get().credentials.items.filter((c) => c.id !== created.id), created].sort(byName) });
        return created;
      },

      updateCredential: async (id, change) => {
        const updated = await api.credentials.update(id, change);
        patch({
          items: get()
            .credentials.items.map((c) => (c.id === id ? updated : c))
            .sort(byName),
        });
        return updated;
      },

      deleteCredential: async (id) => {
        await api.credentials.remove(id);
        patch({ items: get().credentials.items.filter((c) => c.id !== id) });
      },

      credentialType: (type) => get().credentials.types.find((t) => t.type === type),
    };
  };
