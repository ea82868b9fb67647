import type { LoopItemsPage } from '../api/run-control.js';

/** Reads one page of a loop's finished items. */
export type ItemsPage = (offset: number, limit: number) => Promise<LoopItemsPage>;

/** How many items of a running loop have finished, and (when they fit one page) how many failed or were dropped. */
export interface RunningCounts {
  done: number;
  failed?: number;
  dropped?: number;
}

/** The first page is enough for most loops; beyond it, counting narrows down with one-item probes. */
export const FIRST_PAGE = 500;

/**
 * Counts the finished items of a running loop. The API lists finished items in item order
 * without a total, so a loop whose finished items fit one page is counted from it (failures
 * and drops included); a bigger one is counted by binary search over `offset` with one-item
 * pages (about log2(total) small requests), which gives the number done only.
 */
export async function countFinishedItems(page: ItemsPage, total: number): Promise<RunningCounts> {
  const first = await page(0, FIRST_PAGE);
  if (first.nextOffset === null) {
    return {
      done: first.items.length,
      failed: first.items.filter((i) => i.status === 'failed').length,
      dropped: first.items.filter((i) => i.dropped).length,
    };
  }
  // Invariant: an item exists at offset lo - 1 and none at hi (or hi is past the end).
  let lo = first.items.length;
  let hi = Math.max(lo, total);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const probe = await page(mid, 1);
    if (probe.items.length > 0) lo = mid + 1;
    else hi = mid;
  }
  return { done: lo };
}
