/** A tiny JavaScript tokenizer for the code step's editor: enough to colour, never to parse. */
export type TokenType = 'keyword' | 'string' | 'number' | 'comment' | 'punct' | 'name' | 'plain' | 'global';
export interface Token {
  type: TokenType;
  text: string;
}

const KEYWORDS = new Set('async await break case catch class const continue default delete do else export extends false finally for from function if import in instanceof let new null of return static super switch this throw true try typeof undefined var void while yield'.split(' '));
const GLOBALS = new Set(['trigger', 'input', 'steps', 'console', 'JSON', 'Math', 'Date', 'Object', 'Array', 'String', 'Number']);

const RULES: [TokenType, RegExp][] = [
  ['comment', /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/y],
  ['string', /`(?:\\[\s\S]|[^\\`])*`?|"(?:\\.|[^\\"\n])*"?|'(?:\\.|[^\\'\n])*'?/y],
  ['number', /\b(?:0[xX][\da-fA-F]+|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\b/y],
  ['name', /[A-Za-z_$][\w$]*/y],
  ['punct', /[{}()[\];,.<>=!+\-*/%&|^~?:]+/y],
  ['plain', /\s+|[^\sA-Za-z_$\d{}()[\];,.<>=!+\-*/%&|^~?:'"`]+|./y],
];

/** Splits source into coloured tokens; concatenating the texts gives back the source exactly. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    for (const [type, re] of RULES) {
      re.lastIndex = i;
      const m = re.exec(src);
      if (!m || m[0] === '') continue;
      const text = m[0];
      const t: TokenType = type === 'name' ? (KEYWORDS.has(text) ? 'keyword' : GLOBALS.has(text) ? 'global' : 'plain') : type;
      const last = out[out.length - 1];
      if (last && last.type === t && t === 'plain') last.text += text;
      else out.push({ type: t, text });
      i += text.length;
      break;
    }
  }
  return out;
}
