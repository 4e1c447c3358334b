/**
 * Small helpers that keep manifest messages in one style: the subject first
 * (a JSON pointer, or nothing for the document itself), then what is wrong.
 */
import { escapeSegment } from './positions.js';

/** The RFC 6901 pointer for a list of segments (`""` is the document). */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${escapeSegment(String(s))}`).join('');
}

/** `pointer: clause` for a member of the document, the bare clause for the document itself. */
export function within(pointer: string, clause: string): string {
  return pointer === '' ? clause : `${pointer}: ${clause}`;
}

/** A value as JSON, shortened so one bad value can't flood a message. */
export function shortJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
  return Array.isArray(value) ? 'an array' : 'an object';
}
