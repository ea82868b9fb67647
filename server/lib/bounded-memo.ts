/**
 * `compute` remembered for the last `max` keys it was asked (the oldest forgotten first). For
 * what a workflow asks again on every run with the same text (its expressions and templates):
 * the set is small for a given workflow, and the bound keeps a stream of unique keys harmless.
 */
export function boundedMemo<T>(compute: (key: string) => T, max = 2_000): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    if (memo.has(key)) return memo.get(key) as T;
    const value = compute(key);
    if (memo.size >= max) memo.delete(memo.keys().next().value as string);
    memo.set(key, value);
    return value;
  };
}
