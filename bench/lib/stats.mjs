// Small numeric helpers shared by the bench phases. Pure.

/** The q-quantile (0..1) of already sorted numbers, nearest-rank; 0 for an empty list. */
export function quantile(sorted, q) {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/** Median of unsorted numbers. */
export function median(values) {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Rounds to `digits` decimals (keeps JSON results readable). */
export const round = (x, digits = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);

/** a / b as a rounded ratio, or null when either side is missing. */
export const ratio = (a, b) => (typeof a === 'number' && typeof b === 'number' && b > 0 ? round(a / b, 3) : null);

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export const nowMs = () => performance.timeOrigin + performance.now();

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Deliveries per second over the middle 80 % of the delivery times (the start and the tail left
 * out): the pace of the bulk of the work, apart from the slowest stragglers. null under 10.
 */
export function steadyRate(times) {
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length < 10) return null;
  const t10 = quantile(sorted, 0.1);
  const t90 = quantile(sorted, 0.9);
  return t90 > t10 ? Math.round((0.8 * sorted.length) / ((t90 - t10) / 1000)) : null;
}
