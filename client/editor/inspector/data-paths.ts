import type { CapturedEvent, Step } from '../../api/types.js';

const IDENT = /^[A-Za-z_$][\w$]*$/;

/** Keys to an expression path: `trigger.body.items[0]["e-mail"]`. */
export function pathExpression(keys: readonly (string | number)[]): string {
  return keys
    .map((k, i) => {
      if (typeof k === 'number') return `[${k}]`;
      if (IDENT.test(k)) return i === 0 ? k : `.${k}`;
      return `[${JSON.stringify(k)}]`;
    })
    .join('');
}

/** A template that reads a path, as inserted by the data picker. */
export const templateFor = (keys: readonly (string | number)[]): string => `{{ ${pathExpression(keys)} }}`;

/** Inserts text over a selection; returns the new value and where the caret goes. */
export function insertAt(value: string, start: number, end: number, text: string): { value: string; caret: number } {
  const s = Math.max(0, Math.min(start, value.length));
  const e = Math.max(s, Math.min(end, value.length));
  return { value: value.slice(0, s) + text + value.slice(e), caret: s + text.length };
}

/** What a step can read in `{{ }}`: the sample trigger event and the last outputs of steps upstream of it. */
export function pickerData(sample: CapturedEvent | null, steps: Record<string, Step>, upstream: readonly string[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (sample) data.trigger = { body: sample.body, headers: sample.headers, query: sample.query, method: sample.method };
  const outputs: Record<string, unknown> = {};
  for (const id of upstream) {
    const step = steps[id];
    if (step && step.output !== undefined) outputs[id] = step.output;
  }
  if (Object.keys(outputs).length) data.steps = outputs;
  return data;
}
