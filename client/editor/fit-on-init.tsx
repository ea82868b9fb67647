import { useNodesInitialized, useReactFlow } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store-context.js';
import { fitOptions, minimapShown } from './canvas-chrome.js';

/**
 * Fits the view once every node has been measured. React Flow's own `fitView` prop can run
 * before late nodes (or their handles) are measured and then frames only part of the graph.
 */
export function FitOnInit({ enabled = true }: { enabled?: boolean }) {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const store = useAppStore();
  const done = useRef(false);
  useEffect(() => {
    if (!enabled || done.current || !initialized) return;
    done.current = true;
    requestAnimationFrame(() => {
      const s = store.getState();
      void fitView(fitOptions(minimapShown(s.minimapPref, s.canvasSize)));
    });
  }, [enabled, initialized, fitView, store]);
  return null;
}
