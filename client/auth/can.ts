import { useApp } from '../store/store-context.js';

/**
 * What the signed-in person's role lets them do, so the UI hides what the server would refuse
 * anyway (the server checks every route; this is only courtesy). Mirrors server/http/rights.ts:
 * `read` viewers and up, `edit` editors and owners (build, run, credentials), `manage` owners
 * (people, the audit log, deleting credentials).
 */
export type Ability = 'read' | 'edit' | 'manage';

const rank: Record<string, number> = { viewer: 1, editor: 2, owner: 3 };
const needs: Record<Ability, number> = { read: 1, edit: 2, manage: 3 };

/** Pure: whether a role has an ability (an unknown role has none). */
export const roleCan = (role: string | undefined, ability: Ability): boolean => (rank[role ?? ''] ?? 0) >= needs[ability];

/** Whether the signed-in person may do this; re-renders when the session changes. */
export function useCan(ability: Ability): boolean {
  return useApp((s) => roleCan(s.session.user?.role, ability));
}
