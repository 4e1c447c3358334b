/**
 * Readable messages for jsonc-parser syntax errors, and the stack-safe depth
 * guard that runs before jsonc-parser's recursive descent.
 */
import { createScanner, printParseErrorCode, type ParseError } from 'jsonc-parser';

/** Containers nested deeper than this are refused before parsing. */
export const MAX_DEPTH = 64;

// jsonc-parser's SyntaxKind is an ambient const enum, which isolatedModules can't read.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const EOF = 17;

/**
 * Offset of the first `{`/`[` nested deeper than MAX_DEPTH, if any. Iterative,
 * with jsonc-parser's own scanner, so strings and comments are read as the parser reads them.
 * A close only pops a matching open, which keeps the count >= the parser's depth.
 */
export function tooDeepAt(text: string): number | undefined {
  if (countOpeners(text) <= MAX_DEPTH) return undefined;
  const scanner = createScanner(text, true);
  const stack: number[] = [];
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token === OPEN_BRACE || token === OPEN_BRACKET) {
      stack.push(token);
      if (stack.length > MAX_DEPTH) return scanner.getTokenOffset();
    } else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) {
      if (stack[stack.length - 1] === token - 1) stack.pop();
    }
  }
  return undefined;
}

/** Fast path: fewer openers in the whole text than the limit can't nest too deep. */
function countOpeners(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x7b || code === 0x5b) count++;
  }
  return count;
}

/** The text of the token an error points at, quoted and shortened for a message. */
function shown(text: string, error: ParseError): string {
  const token = text.slice(error.offset, error.offset + Math.max(error.length, 1));
  return JSON.stringify(token.length > 24 ? `${token.slice(0, 24)}…` : token);
}

const MESSAGES: Record<string, (token: string) => string> = {
  InvalidSymbol: (t) => `unexpected ${t}; expected a JSON value (strings need double quotes)`,
  InvalidNumberFormat: (t) => `invalid number ${t}`,
  PropertyNameExpected: (t) => `expected a member name in double quotes, found ${t}`,
  ValueExpected: (t) => `expected a value, found ${t}`,
  ColonExpected: (t) => `expected ":" after the member name, found ${t}`,
  CommaExpected: (t) => `expected "," before ${t}`,
  CloseBraceExpected: (t) => `expected "}" to close the object, found ${t}`,
  CloseBracketExpected: (t) => `expected "]" to close the array, found ${t}`,
  EndOfFileExpected: (t) => `unexpected ${t} after the end of the top-level object`,
  InvalidCommentToken: () => 'comments are not allowed in JSON',
  UnexpectedEndOfComment: () => 'unterminated comment',
  UnexpectedEndOfString: () => 'unterminated string (a string must close with " on the same line)',
  UnexpectedEndOfNumber: (t) => `incomplete number ${t}`,
  InvalidUnicode: () => 'invalid \\u escape in string (expected four hex digits)',
  InvalidEscapeCharacter: () => 'invalid escape sequence in string',
  InvalidCharacter: () => 'control character in string (escape it, e.g. \\n or \\t)',
};

/** A readable message and the offset to report for one jsonc-parser error. */
export function describeSyntaxError(text: string, error: ParseError): { message: string; offset: number } {
  const name = printParseErrorCode(error.error);
  const comma = trailingCommaBefore(text, error, name);
  if (comma !== undefined)
    return { message: `trailing comma before ${shown(text, error)} is not allowed`, offset: comma };
  if (error.offset >= text.length) return { message: endOfFileMessage(text, name), offset: text.length };
  const describe = MESSAGES[name];
  return { message: describe ? describe(shown(text, error)) : `syntax error (${name})`, offset: error.offset };
}

function endOfFileMessage(text: string, name: string): string {
  if (text.trim() === '') return 'the file is empty; expected a JSON object';
  const expected = name === 'CloseBracketExpected' ? '"]"' : name === 'ValueExpected' ? 'a value' : '"}"';
  return `unexpected end of file (truncated?); expected ${expected}`;
}

/** Offset of the comma when the error is a `,` directly before `}` or `]`. */
function trailingCommaBefore(text: string, error: ParseError, name: string): number | undefined {
  if (name !== 'PropertyNameExpected' && name !== 'ValueExpected') return undefined;
  const next = text[error.offset];
  if (next !== '}' && next !== ']') return undefined;
  let i = error.offset - 1;
  while (i >= 0 && ' \t\r\n'.includes(text[i] ?? 'x')) i--;
  return text[i] === ',' ? i : undefined;
}
