/** Graph pieces several templates share. */

/**
 * The edge from `source` to `target`, named `<source>-<target>` as every template names them;
 * `sourceHandle` picks one output of the source (a branch's 'true' or 'false').
 */
export function edge(source: string, target: string, sourceHandle?: string) {
  return sourceHandle === undefined ? { id: `${source}-${target}`, source, target } : { id: `${source}-${target}`, source, sourceHandle, target };
}
