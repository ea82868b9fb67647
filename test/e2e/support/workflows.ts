import { at } from './flow-api.js';

/** Workflows the flow-control tests build through the API. */

/** A loop whose body doubles each line, with a step after it on "Done" that sums the results. */
export const doubling = {
  name: 'Double every line',
  nodes: [
    { id: 'hook', type: 'webhook', position: at(0, 120), config: {} },
    { id: 'each', type: 'loop', position: at(300, 120), config: { items: '{{ trigger.body.lines }}' } },
    { id: 'double', type: 'code', position: at(620, 20), config: { code: 'return { n: input.n * 2 };' } },
    { id: 'total', type: 'code', position: at(620, 260), config: { code: 'return { count: input.length, sum: input.reduce((a, r) => a + r.n, 0) };' } },
  ],
  edges: [
    { id: 'e1', source: 'hook', target: 'each' },
    { id: 'e2', source: 'each', sourceHandle: 'item', target: 'double' },
    { id: 'e3', source: 'each', sourceHandle: 'done', target: 'total' },
  ],
};
