import { createApi } from '../../client/api/client.js';
import type { NodeTypeInfo } from '../../client/api/types.js';
import { createAppStore } from '../../client/store/app-store.js';
import { nodeTypes } from '../../shared/nodes/registry.js';
import { describeNodeType } from '../../shared/nodes/describe-node-type.js';
import type { NodeTypeDescriptor } from '../../shared/nodes/define-node-type.js';

/** The catalog the server would send, built from the same shared descriptors. */
export const catalog: NodeTypeInfo[] = Object.values(nodeTypes).map((d) => describeNodeType(d as NodeTypeDescriptor) as NodeTypeInfo);

export const info = (type: string): NodeTypeInfo => {
  const t = catalog.find((c) => c.type === type);
  if (!t) throw new Error(`no type ${type}`);
  return t;
};

/** A store whose API is never reached: these tests cover the pure slices only. */
export function makeStore() {
  const api = createApi(() => Promise.reject(new Error('no network in unit tests')));
  const store = createAppStore({ api, now: () => 1_700_000_000_000 });
  store.setState({ catalog: { status: 'ready', types: catalog } });
  store.getState().newWorkflow();
  return store;
}
