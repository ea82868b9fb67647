/**
 * The text a stored trigger part must contain, byte for byte, to hold `value` at some path:
 * a cheap substring test that runs before the JSON is parsed, so a search looks inside only
 * the few events that can match. Null when the value may be written differently in JSON (an
 * escaped character, a number such as `1.5e3`): then every event is parsed. A sender that
 * escapes plain letters (`\u0061`) is not seen by the probe; no known provider does.
 */
export function literalProbe(value: string): string | null {
  if (value === '' || !/^[A-Za-z0-9_.:@+ -]+$/.test(value)) return null;
  // A number matches by its text after parsing (`42`), which a body can spell `42.0` or `4.2e1`.
  if (/^[-+0-9.eE]+$/.test(value) && !/^-?\d+$/.test(value)) return null;
  return value;
}

/** How many runs a search by a trigger value examines per call before it answers "truncated". */
export const RUN_SEARCH_EXAMINE = 10_000;
