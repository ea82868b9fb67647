/**
 * About how many bytes of data `value` holds (strings by length, other leaves 8 bytes, each key by
 * its length), counted only up to `limit`: past it the walk stops and answers `Infinity`, so a
 * large payload costs no more to turn away than a small one costs to measure. Iterative, so a deep
 * value cannot overflow the stack. Pure.
 */
export function approxSizeWithin(value: unknown, limit: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') total += v.length + 2;
    else if (v === null || typeof v !== 'object') total += 8;
    else if (ArrayBuffer.isView(v)) total += v.byteLength;
    else if (Array.isArray(v)) {
      total += 2;
      for (const item of v) stack.push(item);
    } else {
      for (const key in v) {
        if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
        total += key.length + 4;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
    if (total > limit) return Infinity;
  }
  return total;
}
