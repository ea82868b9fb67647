import type { User } from '../api/types.js';
import type { Slice } from './slice.js';

/** Who is signed in, and whether the first-run owner setup is still needed. */
export interface SessionSlice {
  session: { status: 'loading' | 'ready' | 'error'; setupRequired: boolean; user: User | null; error?: string };
  loadSession: () => Promise<void>;
  signIn: (email: string, password: string) => Promise<void>;
  setupOwner: (input: { email: string; name: string; password: string }) => Promise<void>;
  signOut: () => Promise<void>;
  /** The server said 401: the session ended, so sign in again. */
  sessionExpired: () => void;
}

export const createSessionSlice: Slice<SessionSlice> =
  ({ api }) =>
  (set, get) => ({
    session: { status: 'loading', setupRequired: false, user: null },

    loadSession: async () => {
      try {
        const s = await api.auth.state();
        set({ session: { status: 'ready', setupRequired: s.setupRequired, user: s.user } });
      } catch (e) {
        set({ session: { status: 'error', setupRequired: false, user: null, error: e instanceof Error ? e.message : String(e) } });
      }
    },

    signIn: async (email, password) => {
      const { user } = await api.auth.login({ email, password });
      set({ session: { status: 'ready', setupRequired: false, user } });
    },

    setupOwner: async (input) => {
      const { user } = await api.auth.setup(input);
      set({ session: { status: 'ready', setupRequired: false, user } });
    },

    signOut: async () => {
      try {
        await api.auth.logout();
      } finally {
        set({ session: { status: 'ready', setupRequired: false, user: null } });
      }
    },

    sessionExpired: () => {
      if (get().session.user) {
        set({ session: { ...get().session, user: null } });
        get().toast('info', 'Your session ended. Sign in again to continue.');
      }
    },
  });
