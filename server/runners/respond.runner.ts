import type { RespondConfig } from '../../shared/nodes/respond.node.js';
import type { StepRunner } from './runner.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers a workflow may not set on the trigger's answer: framing is the server's business. */
const RESERVED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer']);

/** Answers the waiting trigger request with a rendered status, headers and body. */
export const respondRunner: StepRunner<RespondConfig> = {
  async run(config, ctx) {
    const rendered = await ctx.render({ headers: config.headers, body: config.body });
    if (!rendered.ok) return { kind: 'failed', error: rendered.error };
    const { headers, body } = rendered.value as { headers: Record<string, unknown>; body: unknown };
    const clean: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers ?? {})) {
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      // Node refuses header values outside tab, printable ASCII and Latin-1: catch them here, as a step error.
      if (!TOKEN.test(name) || RESERVED.has(name.toLowerCase()) || /[^\t\x20-\x7e\x80-\xff]/.test(text ?? '')) {
        return { kind: 'failed', error: { code: 'invalid_header', message: `The response header "${name}" is not allowed or has an invalid value.` } };
      }
      clean[name] = text ?? '';
    }
    const reply = { status: config.status, headers: clean, body: body ?? null };
    ctx.replyToTrigger(reply);
    return { kind: 'succeeded', output: reply };
  },
};
