/**
 * A quick screen of text that JSON.parse already accepted, for what JSON.parse
 * silently lets through: duplicate keys, numbers past 2^53 - 1 or written with
 * more precision than a number keeps, deep nesting.
 * When it finds any, the careful (positioned) parse reports them.
 */
import { MAX_DEPTH } from './syntax.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when well-formed JSON `text`, which JSON.parse read as `value`, has a
 * duplicate key, an unsafe number or nests too deep. Duplicates are found by
 * counting: JSON.parse keeps one member per key, so `value` has fewer keys than
 * the text names exactly when some key repeats (also when written differently,
 * as "a" and "\u0061"). The text is scanned once, without copying its strings.
 */
export function needsCarefulParse(text: string, value: unknown): boolean {
  let keys = 0;
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      if (expectKey) keys++;
      i = stringEnd(text, i);
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > MAX_DEPTH) return true;
      inObject[depth] = expectKey = code === 0x7b;
    } else if (code === 0x7d || code === 0x5d) {
      depth--;
    } else if (code === 0x2c) {
      expectKey = inObject[depth] === true;
    } else if (code === 0x3a) {
      expectKey = false;
    } else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) {
      const end = numberEnd(text, i);
      // An integer literal is exact when its value is safe (checked on `value` below); others may not be.
      if (end.fraction && !keepsExactly(text.slice(i, end.at))) return true;
      i = end.at - 1;
    }
  }
  return keysIn(value) !== keys;
}

/** Whether each open container is an object (true) or an array, by depth; shared, as scans never overlap. */
const inObject: boolean[] = [];

/** Offset of the closing quote of the string starting at `start` (the text is well-formed). */
function stringEnd(text: string, start: number): number {
  let quote = text.indexOf('"', start + 1);
  // A quote after an odd number of backslashes is part of the string.
  while (quote > 0 && backslashesBefore(text, quote) % 2 === 1) quote = text.indexOf('"', quote + 1);
  return quote < 0 ? text.length : quote;
}

function backslashesBefore(text: string, at: number): number {
  let count = 0;
  while (text.charCodeAt(at - 1 - count) === BACKSLASH) count++;
  return count;
}

/** Offset just past the number starting at `start`, and whether it has a fraction or an exponent. */
function numberEnd(text: string, start: number): { at: number; fraction: boolean } {
  let i = start + 1;
  let fraction = false;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2e || code === 0x65 || code === 0x45) fraction = true;
    else if (!((code >= 0x30 && code <= 0x39) || code === 0x2b || code === 0x2d)) break;
  }
  return { at: i, fraction };
}

/** The keys in `value` and below, or -1 when a number in it is past ±(2^53 - 1) (JSON.parse already lost digits). */
function keysIn(value: unknown): number {
  if (typeof value === 'number') return Math.abs(value) <= Number.MAX_SAFE_INTEGER ? 0 : -1;
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const inner = keysIn(value[i]);
      if (inner < 0) return -1;
      count += inner;
    }
    return count;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const inner = keysIn(record[key]);
    if (inner < 0) return -1;
    count += inner + 1;
  }
  return count;
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
