import { useNodesInitialized, useReactFlow, useStoreApi } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { useAppStore } from '../store/store-context.js';
import { fitOptions, minimapShown } from './canvas-chrome.js';
import { openingViewport, READABLE_ZOOM } from './opening-viewport.js';

export { FIT_OPTIONS } from './opening-viewport.js';

/**
 * Frames the workflow once every node has been measured: all of it (clear of the floating
 * controls and minimap, see canvas-chrome) when it fits at a readable zoom, otherwise its start
 * at the readable zoom (see openingViewport). React Flow's own `fitView` prop can run before late
 * nodes (or their handles) are measured and then frames only part of the graph.
 */
export function FitOnInit({ enabled = true }: { enabled?: boolean }) {
  const initialized = useNodesInitialized();
  const { fitView, getNodes, setViewport } = useReactFlow();
  const flow = useStoreApi();
  const store = useAppStore();
  const done = useRef(false);
  useEffect(() => {
    if (!enabled || done.current || !initialized) return;
    done.current = true;
    requestAnimationFrame(() => {
      const { width, height } = flow.getState();
      const viewport = openingViewport(getNodes(), width, height);
      if (!viewport) return;
      if (viewport.zoom > READABLE_ZOOM) {
        const s = store.getState();
        void fitView({ ...fitOptions(minimapShown(s.minimapPref, s.canvasSize)), minZoom: READABLE_ZOOM });
      } else void setViewport(viewport);
    });
  }, [enabled, initialized, fitView, getNodes, setViewport, flow, store]);
  return null;
}
