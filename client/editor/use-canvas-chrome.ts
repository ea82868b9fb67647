import { useReactFlow } from '@xyflow/react';
import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { useApp, useAppStore } from '../store/store-context.js';
import { fitOptions, isInView, minimapShown, type CanvasSize } from './canvas-chrome.js';

/** Whether the minimap shows now: the person's choice, or by the canvas' size. */
export const useMinimapShown = () => useApp((s) => minimapShown(s.minimapPref, s.canvasSize));

/** The fit options for the canvas as it is now (room for the minimap only when it shows). */
export function useFitOptions(animate = false) {
  const shown = useMinimapShown();
  return fitOptions(shown, animate);
}

/**
 * Measures the canvas into the store, and keeps the whole graph in view when the canvas
 * shrinks under it (the Issues or Run panel opening): a graph that was wholly visible
 * before the resize is fitted again, so no node ends up clipped where a person cannot reach it.
 */
export function useCanvasChrome(ref: RefObject<HTMLDivElement | null>) {
  const store = useAppStore();
  const { getNodesBounds, getViewport, fitView } = useReactFlow();
  // Measured before the first paint, so the first fit already knows whether the minimap shows.
  useLayoutEffect(() => {
    const rect = ref.current?.getBoundingClientRect();
    if (rect) store.getState().setCanvasSize({ width: Math.round(rect.width), height: Math.round(rect.height) });
  }, [ref, store]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const next: CanvasSize = { width: Math.round(entry.contentRect.width), height: Math.round(entry.contentRect.height) };
      const s = store.getState();
      const before = s.canvasSize;
      if (before && before.width === next.width && before.height === next.height) return;
      const nodes = s.nodes;
      const bounds = nodes.length > 0 ? getNodesBounds(nodes) : null;
      const wasInView = before !== null && bounds !== null && isInView(bounds, getViewport(), before, minimapShown(s.minimapPref, before));
      s.setCanvasSize(next);
      if (!wasInView || !bounds) return;
      const shown = minimapShown(s.minimapPref, next);
      if (!isInView(bounds, getViewport(), next, shown)) void fitView(fitOptions(shown));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, store, getNodesBounds, getViewport, fitView]);
}
