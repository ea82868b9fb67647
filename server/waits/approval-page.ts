/** The small HTML pages an approval link opens in a browser: a confirmation form, or what became of it. */
import { createHash } from 'node:crypto';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// The pages' only styling, allowed by its hash: their CSP lets nothing else in.
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937}button{font:inherit;padding:.5rem 1.25rem;border-radius:.375rem;border:0;color:#fff;cursor:pointer}
.approve{background:#15803d}.reject{background:#b91c1c}textarea{width:100%;font:inherit;margin:.5rem 0 1rem}`;

/** The Content-Security-Policy these pages are sent with: their one stylesheet, a form that posts back to itself, no framing. */
export const approvalPageCsp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

/**
 * The page a GET of an approve or reject link shows: a button that POSTs the decision. A GET
 * never decides by itself, so link scanners and chat unfurlers that fetch URLs decide nothing.
 */
export function confirmPage(decision: 'approve' | 'reject', question: string | undefined): string {
  const verb = decision === 'approve' ? 'Approve' : 'Reject';
  return page(
    `${verb}?`,
    `<h1>${escape(question ?? 'Approve this request?')}</h1>
<form method="post"><label for="comment">Comment (optional)</label><textarea id="comment" name="comment" rows="3" maxlength="2000"></textarea>
<button type="submit" class="${decision}">${verb}</button></form>`,
  );
}

/** A page that states an outcome: recorded, already decided, expired, unknown. */
export function messagePage(title: string, message: string): string {
  return page(title, `<h1>${escape(title)}</h1><p>${escape(message)}</p>`);
}
