import { escapeText } from './escape.js';

/** Compact, single-line rendering of JSON values for plan lines, made printable. */
export function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = escapeText(JSON.stringify(value));
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
