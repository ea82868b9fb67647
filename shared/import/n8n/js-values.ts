import { isN8nExpression, translateExpression, type ExpressionScope } from './expressions.js';

/**
 * An n8n parameter as JavaScript source for generated code: literals as JSON, a lone
 * `={{ expr }}` as the translated expression, text mixed with expressions as a template
 * literal. Returns the untranslated forms too.
 */
export function n8nValueToJs(value: unknown, scope: ExpressionScope): { js: string; untranslated: string[] } {
  if (!isN8nExpression(value)) return { js: JSON.stringify(value ?? null), untranslated: [] };
  const body = value.slice(1);
  const whole = /^\s*\{\{([\s\S]*?)\}\}\s*$/.exec(body);
  if (whole && !(whole[1] ?? '').includes('}}')) {
    const t = translateExpression((whole[1] ?? '').trim(), scope);
    return { js: `(${t.expr})`, untranslated: t.untranslated };
  }
  const untranslated: string[] = [];
  let js = '`';
  let last = 0;
  for (const m of body.matchAll(/\{\{([\s\S]*?)\}\}/g)) {
    js += escapeTemplateText(body.slice(last, m.index));
    const t = translateExpression((m[1] ?? '').trim(), scope);
    untranslated.push(...t.untranslated);
    // n8n renders undefined and null as nothing inside text.
    js += `\${(${t.expr}) ?? ''}`;
    last = m.index + m[0].length;
  }
  js += `${escapeTemplateText(body.slice(last))}\``;
  return { js, untranslated };
}

const escapeTemplateText = (text: string) => text.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$\{/g, '\\${');
