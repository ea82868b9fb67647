import { AppError } from '../../shared/errors.js';
import type { Store } from '../store/ports/store.js';
import type { WorkflowRow } from '../store/ports/workflows.js';

/**
 * The 409 of a save that started from an older version than the newest: it says who saved the
 * newer one and when, so the person can reload it or keep their edit as a copy.
 */
export async function conflictError(store: Pick<Store, 'workflows'>, row: WorkflowRow, base: number): Promise<AppError> {
  const newest = await store.workflows.getVersion(row.id, row.currentVersion);
  const by = newest?.createdBy?.name ?? null;
  const at = newest ? new Date(newest.createdAt).toISOString() : null;
  const who = by ? `${by} saved` : 'Someone saved';
  return new AppError(
    'CONFLICT',
    409,
    `${who} version ${row.currentVersion} of this workflow${at ? ` at ${at}` : ''}, after version ${base} your edit started from. Reload it, or save your edit as a copy.`,
    { currentVersion: row.currentVersion, baseVersion: base, changedBy: by, changedByUserId: newest?.createdBy?.userId ?? null, changedAt: at },
  );
}
