import { describe, expect, it } from 'vitest';
import { checkExpressionSyntax } from '../../../shared/graph/expression-syntax.js';
import { translateExpression, translateString } from '../../../shared/import/n8n/expressions.js';
import { luxonFormatToDayjs } from '../../../shared/import/n8n/luxon.js';

const scope = {
  inputRoot: 'input',
  nodeRoot: (name: string) => ({ Webhook: 'trigger', 'Get user': 'steps.get_user.body', Shape: 'steps.shape' })[name],
};
const tr = (expr: string) => translateExpression(expr, scope);

describe('n8n expressions', () => {
  it.each([
    ['$json.email', 'input.email'],
    ['$json["e-mail"]', 'input["e-mail"]'],
    ["$('Webhook').item.json.body.id", 'trigger.body.id'],
    ['$("Get user").first().json.name', 'steps.get_user.body.name'],
    ["$('Shape').last().json.total", 'steps.shape.total'],
    ["$('Shape').all().length", '[].concat(steps.shape ?? []).map((json) => ({ json })).length'],
    ["$('Shape').isExecuted", '(steps.shape !== undefined)'],
    ['$node["Get user"].json.id', 'steps.get_user.body.id'],
    ['$node.Shape.json.id', 'steps.shape.id'],
    ["$items('Shape')[0].json.a", '[].concat(steps.shape ?? []).map((json) => ({ json }))[0].json.a'],
    ['$items().length', '[].concat(input ?? []).map((json) => ({ json })).length'],
    ['$input.first().json.a', 'input.a'],
    ['$input.item.json.a', 'input.a'],
    ['$input.all().map(i => i.json.a)', '[].concat(input ?? []).map((json) => ({ json })).map(i => i.json.a)'],
    ['$now.toISO()', 'dayjs().toISOString()'],
    ["$today.toFormat('dd.MM.yyyy')", "dayjs().startOf('day').format('DD.MM.YYYY')"],
    ['$now.plus({ days: 2, hours: 1 }).toMillis()', "dayjs().add(2, 'day').add(1, 'hour').valueOf()"],
    ['$now.minus({ minutes: 5 }).toISODate()', "dayjs().subtract(5, 'minute').format('YYYY-MM-DD')"],
    ['DateTime.fromISO($json.at).setZone("Europe/Berlin").toFormat("HH:mm")', 'dayjs(input.at).tz("Europe/Berlin").format("HH:mm")'],
    ['$env.API_BASE', 'vars.API_BASE'],
    ['$execution.id', 'run.id'],
    ['`run ${$execution?.id}`', '`run ${run.id}`'],
    ['$vars.region', 'vars.region'],
    ["$if($json.n > 1, 'many', 'one')", "((input.n > 1) ? ('many') : ('one'))"],
    ['$json.a?.b ?? `x${$json.c}`', 'input.a?.b ?? `x${input.c}`'],
  ])('%s -> %s', (from, to) => {
    const t = tr(from);
    expect(t).toEqual({ expr: to, untranslated: [] });
    expect(checkExpressionSyntax(t.expr)).toBeUndefined();
  });

  it.each([
    ['$execution.mode', '$execution'],
    ['$workflow.name', '$workflow'],
    ['$runIndex + 1', '$runIndex'],
    ["$('Nowhere').item.json.x", 'no node "Nowhere"'],
    ['Duration.fromObject({ hours: 1 })', 'Luxon'],
  ])('keeps %s as written and says so', (from, said) => {
    const t = tr(from);
    expect(t.expr).toContain(from.slice(0, 5));
    expect(t.untranslated.join(' ')).toContain(said);
  });

  it('translates only expression-mode strings, text around expressions kept', () => {
    expect(translateString('plain {{ not an expression }}', scope)).toEqual({ value: 'plain {{ not an expression }}', untranslated: [], templated: false });
    expect(translateString('=Hi {{ $json.name }}, order {{ $("Webhook").item.json.body.id }}', scope)).toEqual({
      value: "Hi {{ input.name ?? '' }}, order {{ trigger.body.id ?? '' }}",
      untranslated: [],
      templated: true,
    });
    expect(translateString('=no braces', scope).value).toBe('no braces');
  });

  it('converts Luxon format tokens to dayjs ones', () => {
    expect(luxonFormatToDayjs("yyyy-MM-dd'T'HH:mm:ss.SSS ZZ")).toBe('YYYY-MM-DD[T]HH:mm:ss.SSS Z');
    expect(luxonFormatToDayjs('EEEE d MMM yy, h:mm a')).toBe('dddd D MMM YY, h:mm A');
  });
});
