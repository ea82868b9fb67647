import { useNodeConnections } from '@xyflow/react';

/**
 * A merge node's input says it takes several branches: how many are wired in and whether it
 * waits for all of them or takes the first. Reads the canvas' own edges, so it works in the
 * editor and on a run's graph alike.
 */
export function MergeInputs({ mode }: { mode: unknown }) {
  const incoming = useNodeConnections({ handleType: 'target' });
  const n = incoming.length;
  const first = mode === 'first';
  const text = `${n} branch${n === 1 ? '' : 'es'} in · ${first ? 'first wins' : 'waits for all'}`;
  return (
    <span className={`merge-inputs${n < 2 ? ' merge-few' : ''}`} title={n < 2 ? 'Connect two or more branches into this input.' : text} aria-label={text}>
      {text}
    </span>
  );
}
