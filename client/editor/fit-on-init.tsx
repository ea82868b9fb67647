import { useNodesInitialized, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { openingViewport } from './opening-viewport.js';

export { FIT_OPTIONS } from './opening-viewport.js';

/**
 * Frames the workflow once every node has been measured (see openingViewport: whole, or its
 * start at a readable zoom). React Flow's own `fitView` prop can run before late nodes (or
 * their handles) are measured and then frames only part of the graph.
 */
export function FitOnInit({ enabled = true }: { enabled?: boolean }) {
  const initialized = useNodesInitialized();
  const { getNodes, setViewport } = useReactFlow();
  const store = useStoreApi();
  const done = useRef(false);
  useEffect(() => {
    if (!enabled || done.current || !initialized) return;
    done.current = true;
    requestAnimationFrame(() => {
      const { width, height } = store.getState();
      const viewport = openingViewport(getNodes(), width, height);
      if (viewport) void setViewport(viewport);
    });
  }, [enabled, initialized, getNodes, setViewport, store]);
  return null;
}
