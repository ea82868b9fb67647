// Test runs (the editor's Test run, and a trigger's test URL) run the draft and may use pinned
// step outputs instead of executing those steps. Which runs are test runs is read from the path
// their event carries: both kinds are marked there, and real trigger URLs never look like them.
import type { WorkflowDefinition } from '../../shared/graph/workflow-schema.js';

/** The path the editor's test run events carry. */
export const TEST_RUN_PATH = '/test-run';

/** The path prefix of requests to a trigger's test URL (`/hooks/test/<token>`). */
const TEST_URL_PREFIX = '/hooks/test/';

/** Whether a run whose trigger has this path is a test run. Pure. */
export const isTestRunPath = (path: string | undefined): boolean => path === TEST_RUN_PATH || (path?.startsWith(TEST_URL_PREFIX) ?? false);

/** The output pinned for a node, or undefined when it has none (`null` is a pinned value). */
export function pinnedOutputOf(definition: WorkflowDefinition, nodeId: string): { output: unknown } | undefined {
  const pinned = definition.pinned;
  return pinned && Object.hasOwn(pinned, nodeId) ? { output: pinned[nodeId] } : undefined;
}
