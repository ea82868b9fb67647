/**
 * Syntax checks for `{{ }}` expressions and code steps, done with a real JavaScript parser
 * (acorn) and never by evaluating anything. Pure: the editor and the server share it, so a
 * workflow with `{{ trigger.body. }}` is refused when it is saved, not when it runs.
 */
import { parse, parseExpressionAt, tokenizer, type Options } from 'acorn';

const OPTIONS: Options = { ecmaVersion: 'latest', sourceType: 'script' };

interface AcornError {
  message: string;
  loc?: { line: number; column: number };
}

const isAcornError = (e: unknown): e is AcornError => e instanceof SyntaxError;

/** acorn ends its messages with "(line:column)"; we say where in words instead. */
const bare = (message: string): string => message.replace(/\s*\(\d+:\d+\)$/, '');

/**
 * Checks that `expr` is exactly one JavaScript expression (no statements, nothing after it
 * but comments). Returns a message a person can act on, or undefined when it parses.
 */
export function checkExpressionSyntax(expr: string): string | undefined {
  if (expr.trim() === '') return 'The expression is empty.';
  try {
    // preserveParens: otherwise `({ a: 1 })` yields the inner object, ending before its ")".
    const node = parseExpressionAt(expr, 0, { ...OPTIONS, preserveParens: true });
    const next = tokenizer(expr.slice(node.end), OPTIONS).getToken();
    if (next.type.label !== 'eof') {
      const rest = expr
        .slice(node.end + next.start)
        .trim()
        .slice(0, 20);
      return `Unexpected "${rest}" after the expression at character ${node.end + next.start + 1}; an expression cannot hold statements (use a code step for those).`;
    }
    return undefined;
  } catch (e) {
    if (!isAcornError(e)) throw e;
    const at = e.loc ? ` at character ${e.loc.column + 1}${e.loc.line > 1 ? ` of line ${e.loc.line}` : ''}` : '';
    return `${bare(e.message)}${at}.`;
  }
}

/** Where a code step's source fails to parse: a message and a 1-based line and column. */
export interface CodeSyntaxError {
  message: string;
  line: number;
  column: number;
}

/**
 * Parses a code step's source as the body of an async function (so `return` and `await` are
 * allowed at the top). Returns where it fails, or undefined when it parses. The editor marks
 * the spot inline; `checkCodeSyntax` words it for validation.
 */
export function codeSyntaxError(code: string): CodeSyntaxError | undefined {
  try {
    parse(code, { ...OPTIONS, allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
    return undefined;
  } catch (e) {
    if (!isAcornError(e)) throw e;
    return { message: `${bare(e.message)}.`, line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1 };
  }
}

/** Checks a code step's source; returns "Line 3, column 5: Unexpected token." or undefined. */
export function checkCodeSyntax(code: string): string | undefined {
  const error = codeSyntaxError(code);
  return error && `Line ${error.line}, column ${error.column}: ${error.message}`;
}
