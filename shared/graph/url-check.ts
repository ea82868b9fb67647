/**
 * Whether a step's URL is complete enough to send a request to. A URL with `{{ }}` templates is
 * only whole once a run fills them in, so only its literal start is checked here; the egress
 * guard checks the finished URL when the step runs.
 */
export function urlProblem(url: string): string | undefined {
  if (url === '') return undefined; // empty is "required", said once by the schema
  const literal = url.includes('{{') ? url.slice(0, url.indexOf('{{')) : url;
  if (url.includes('{{')) return /^\s*$|^https?:\/\/|^[^:/]*$/i.test(literal) ? undefined : 'Start the URL with http:// or https://.';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter a complete URL, such as https://example.com/hook.';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Use an http:// or https:// URL.';
  if (!parsed.hostname) return 'Enter a complete URL, such as https://example.com/hook.';
  return undefined;
}
