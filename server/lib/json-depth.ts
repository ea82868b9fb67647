/** How deep JSON from outside may nest: far beyond real payloads, well within what the sandbox copies (100). */
export const MAX_JSON_DEPTH = 64;

/**
 * True when JSON text nests arrays and objects deeper than `max`. Scans the text once without
 * parsing or recursing (strings and their escapes are skipped), so it is safe on hostile input:
 * a 100,000-deep document parses, but then breaks JSON.stringify, validation and the sandbox copy.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
