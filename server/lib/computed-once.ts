/**
 * A value computed on first use and kept: for answers that never change while the process runs
 * (the node-type catalog, the credential forms) but cost enough to keep out of start-up.
 */
export function computedOnce<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value;
  };
}
