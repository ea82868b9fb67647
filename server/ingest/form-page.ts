import type { FormConfig, FormField } from '../../shared/nodes/form.node.js';

/** Text for HTML content and attribute values. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const attr = (name: string, value: string | number | undefined) => (value === undefined ? '' : ` ${name}="${esc(String(value))}"`);

// One small stylesheet, inline with the page's nonce: the page needs no other request.
const STYLE = `body{font:16px/1.5 system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0;padding:24px}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:10px;padding:28px;box-shadow:0 1px 4px #0002}
h1{font-size:1.5rem;margin:0 0 8px}p.lead{color:#4a5160;margin:0 0 20px;white-space:pre-line}
label{display:block;font-weight:600;margin:16px 0 4px}.req{color:#b42318}
input:not([type=checkbox]),select,textarea{width:100%;box-sizing:border-box;font:inherit;padding:8px 10px;border:1px solid #b8bfcc;border-radius:6px}
textarea{min-height:120px}.check{display:flex;gap:8px;align-items:center;font-weight:600;margin-top:16px}
.err{color:#b42318;font-size:.9rem;margin-top:4px}.summary{background:#fdecea;border-radius:6px;padding:8px 12px;color:#7a1a12}
button{margin-top:24px;font:inherit;font-weight:600;padding:10px 20px;border:0;border-radius:6px;background:#2b59c3;color:#fff;cursor:pointer}`;

/** The page around a body: the nonce lets its one inline style in under the page's own CSP. */
export function pageHtml(title: string, body: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style nonce="${nonce}">${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The input of one field, with the HTML validation attributes that state the server's rules. */
function control(f: FormField): string {
  const id = `f_${f.name}`;
  const common = `${attr('id', id)}${attr('name', f.name)}${f.required ? ' required' : ''}${attr('placeholder', f.placeholder)}${attr('aria-describedby', `${id}_err`)}`;
  switch (f.type) {
    case 'textarea':
      return `<textarea${common}${attr('maxlength', f.maxLength ?? 10_000)}></textarea>`;
    case 'select':
      return `<select${common}><option value="">Choose…</option>${(f.options ?? []).map((o) => `<option${attr('value', o)}>${esc(o)}</option>`).join('')}</select>`;
    case 'number':
      return `<input type="number" step="any"${common}${attr('min', f.min)}${attr('max', f.max)}>`;
    case 'date':
      return `<input type="date"${common}>`;
    case 'checkbox':
      return `<input type="checkbox" value="on"${common}>`;
    case 'email':
    case 'text':
      return `<input type="${f.type}"${common}${attr('pattern', f.pattern)}${attr('title', f.patternHint)}${attr('maxlength', f.maxLength ?? (f.type === 'email' ? 320 : 1_000))}>`;
    default: {
      const never: never = f.type;
      return never;
    }
  }
}

function fieldHtml(f: FormField, error: string | undefined): string {
  const star = f.required ? ' <span class="req" aria-hidden="true">*</span>' : '';
  const err = error ? `<div class="err" id="f_${f.name}_err">${esc(error)}</div>` : '';
  if (f.type === 'checkbox') return `<label class="check">${control(f)} ${esc(f.label)}${star}</label>${err}`;
  return `<label for="f_${f.name}">${esc(f.label)}${star}</label>${control(f)}${err}`;
}

/** The form page; `errors` (from the server's check) are shown beside their fields. */
export function formHtml(form: FormConfig, action: string, nonce: string, errors: Record<string, string> = {}): string {
  const summary = Object.keys(errors).length ? '<p class="summary" role="alert">Some answers need another look; nothing was sent yet.</p>' : '';
  const body = `<h1>${esc(form.title)}</h1>${form.description ? `<p class="lead">${esc(form.description)}</p>` : ''}${summary}
<form method="post"${attr('action', action)} accept-charset="utf-8">${form.fields.map((f) => fieldHtml(f, errors[f.name])).join('\n')}
<button type="submit">${esc(form.submitLabel)}</button></form>`;
  return pageHtml(form.title, body, nonce);
}

/** The page after a stored submission. */
export const thankYouHtml = (form: FormConfig, nonce: string) => pageHtml(form.title, `<h1>${esc(form.title)}</h1><p class="lead">${esc(form.thankYou)}</p>`, nonce);

/** A page for everything else (not found, too many submissions, unavailable). */
export const messageHtml = (title: string, message: string, nonce: string) => pageHtml(title, `<h1>${esc(title)}</h1><p class="lead">${esc(message)}</p>`, nonce);
