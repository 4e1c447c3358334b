/**
 * The form License Manager uses when it answers with a license. The store keeps
 * licenses in this form, so GetLicense, ListLicenses and ListLicenseVersions
 * all answer alike. Clients must normalize against it.
 */

/** A license as the service answers it: plain JSON. */
export type License = Record<string, unknown> & {
  LicenseArn: string;
  Version: string;
  HomeRegion: string;
  Status?: string;
};

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * `YYYY-MM-DDTHH:MM:SS.sssZ` for any ISO 8601 instant with any offset and any
 * fractional precision (truncated to milliseconds); undefined if not an instant.
 */
export function canonicalInstant(text: string): string | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone, zh = '0', zm = '0'] = m;
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const sign = zone === 'Z' ? 0 : zone?.startsWith('-') ? -1 : 1;
  const offsetMs = sign * (Number(zh) * 60 + Number(zm)) * 60_000;
  const date = new Date(utc - offsetMs);
  if (Number.isNaN(date.getTime()) || !sameCalendarDay(date, offsetMs, y, mo, d)) return undefined;
  return date.toISOString();
}

/** Rejects dates such as 2026-02-31 that Date.UTC silently rolls over. */
function sameCalendarDay(date: Date, offsetMs: number, y?: string, mo?: string, d?: string): boolean {
  const local = new Date(date.getTime() + offsetMs);
  return (
    local.getUTCFullYear() === Number(y) && local.getUTCMonth() + 1 === Number(mo) && local.getUTCDate() === Number(d)
  );
}

/** Members holding instants, canonicalized wherever they appear. */
const INSTANT_KEYS = new Set(['Begin', 'End', 'CreateTime']);

/** Booleans the service leaves out when false. */
const OMITTED_WHEN_FALSE = new Set(['Overage', 'AllowCheckIn']);

/**
 * A deep copy of `value` in answer form: null/undefined members omitted, `false`
 * Overage/AllowCheckIn omitted, empty lists omitted, instants canonical. List
 * order is kept. Never mutates its input.
 */
export function answerForm<T>(value: T): T {
  return formValue(value, undefined) as T;
}

function formValue(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => formValue(item, undefined));
  if (value !== null && typeof value === 'object') return formObject(value as Record<string, unknown>);
  if (typeof value === 'string' && key !== undefined && INSTANT_KEYS.has(key)) return canonicalInstant(value) ?? value;
  return value;
}

function formObject(object: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (value === null || value === undefined) continue;
    if (value === false && OMITTED_WHEN_FALSE.has(key)) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = formValue(value, key);
  }
  return out;
}

/** A deep copy through JSON: what a caller receives so it can never alter the store. */
export function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A JSON object: not null, not an array. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
