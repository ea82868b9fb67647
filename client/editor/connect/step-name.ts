import type { StepFlowNode } from '../../store/flow-types.js';
import type { AppState } from '../../store/app-store.js';

/** A step as a person knows it: its name on the canvas, else its type's title, else its id. */
export const stepName = (s: Pick<AppState, 'typeInfo'>, n: StepFlowNode): string => n.data.label ?? s.typeInfo(n.data.nodeType)?.title ?? n.id;

/** Moves keyboard focus to a step on the canvas (React Flow's nodes are focusable), after the next paint. */
export function focusStep(id: string): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
    if (el) el.focus();
    else document.getElementById('canvas')?.focus();
  });
}
