/** Plain JSON values, as every layer handles them: what an object is, own-member assignment, equality. */

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `target[key] = value` as an own member, also for a key named `__proto__` (data, never a prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** `members` without those a plan leaves out: undefined, false, or an empty list. */
export function present<T extends object>(members: T): Partial<T> {
  const kept = (value: unknown) => value !== undefined && value !== false && !(Array.isArray(value) && !value.length);
  return Object.fromEntries(Object.entries(members).filter(([, value]) => kept(value))) as Partial<T>;
}

/** Equal JSON values, whatever the order of object members. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
}

/** Plain code-unit order of strings, the same on every machine and locale. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The object with its members in code-unit order of their keys (one form, whatever the order written). */
export function sortedMembers<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => codeUnitOrder(a, b)));
}
