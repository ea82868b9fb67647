import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';

export const FIT_OPTIONS = { padding: 0.2, maxZoom: 1.1 };

/**
 * Fits the view once every node has been measured. React Flow's own `fitView` prop can run
 * before late nodes (or their handles) are measured and then frames only part of the graph.
 */
export function FitOnInit({ enabled = true }: { enabled?: boolean }) {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!enabled || done.current || !initialized) return;
    done.current = true;
    requestAnimationFrame(() => void fitView(FIT_OPTIONS));
  }, [enabled, initialized, fitView]);
  return null;
}
