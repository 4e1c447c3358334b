/**
 * A quick screen of text that JSON.parse already accepted, for what JSON.parse
 * silently lets through: duplicate keys, numbers past 2^53 - 1 or written with
 * more precision than a number keeps, deep nesting.
 * When it finds any, the careful (positioned) parse reports them.
 */
import { MAX_DEPTH } from './syntax.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** True when well-formed JSON `text` has a duplicate key, an unsafe number or nests too deep. */
export function needsCarefulParse(text: string): boolean {
  // One Set of keys per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      if (expectKey && repeatsKey(open[open.length - 1], text.slice(i, end + 1))) return true;
      i = end;
    } else if (code === 0x7b || code === 0x5b) {
      open.push(code === 0x7b ? new Set() : null);
      if (open.length > MAX_DEPTH) return true;
      expectKey = code === 0x7b;
    } else if (code === 0x7d || code === 0x5d) {
      open.pop();
    } else if (code === 0x2c) {
      expectKey = Boolean(open[open.length - 1]);
    } else if (code === 0x3a) {
      expectKey = false;
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      const end = numberEnd(text, i);
      const literal = text.slice(i, end);
      if (!(Math.abs(Number(literal)) <= Number.MAX_SAFE_INTEGER)) return true;
      if (/[.eE]/.test(literal) && !keepsExactly(literal)) return true;
      i = end - 1;
    }
  }
  return false;
}

/** Offset of the closing quote of the string starting at `start` (the text is well-formed). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) return i;
    i += code === BACKSLASH ? 2 : 1;
  }
  return text.length;
}

/** Offset just past the number starting at `start`. */
function numberEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && '0123456789.eE+-'.includes(text[i] ?? ' ')) i++;
  return i;
}

/** Records the key (decoded, so "a" and "\u0061" are the same); true if it was already there. */
function repeatsKey(keys: Set<string> | null | undefined, quoted: string): boolean {
  if (!keys) return false;
  const key = quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
  if (keys.has(key)) return true;
  keys.add(key);
  return false;
}

/** Whether the number `literal` (well-formed JSON) is exactly the value it parses to: `1.50` is, `1.0000000000000000000000001` is not. */
export function keepsExactly(literal: string): boolean {
  return decimal(literal) === decimal(String(Number(literal)));
}

/** A decimal number in one canonical form (`digits e exponent`), so `1.50`, `15e-1` and `1.5` compare equal. */
function decimal(text: string): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return text;
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  const significant = `${whole}${fraction}`.replace(/^0+/, '');
  if (significant === '') return '0';
  const digits = significant.replace(/0+$/, '');
  const exp = Number(exponent) - fraction.length + (significant.length - digits.length);
  return `${sign}${digits}e${exp}`;
}
