/**
 * fast-check arbitraries for ignore rules: a manifest, a live license that
 * drifted from it member by member (shared entitlement and metadata names with
 * other values, extra ones, missing ones), and ignore pointers drawn from the
 * paths either side has (some with a `*` segment, some naming nothing).
 */
import fc from 'fast-check';
import { escapeSegment } from '../../src/manifests/positions.js';
import { isRecord } from '../../src/reconcile/json-values.js';
import { normalize } from '../../src/reconcile/normalize.js';
import type { LicenseDocument, LiveLicense } from '../../src/reconcile/types.js';
import { asJson, licenseDocumentArb } from './arbitraries.js';

const MEMBERS = ['LicenseName', 'ProductName', 'Issuer', 'Validity', 'ConsumptionConfiguration', 'Status'] as const;

/** `manifest`, and a live license that took some members from `other` and mixed its lists. */
export const manifestAndLiveArb: fc.Arbitrary<[LicenseDocument, LiveLicense]> = fc
  .tuple(
    licenseDocumentArb,
    licenseDocumentArb,
    fc.array(fc.boolean(), { minLength: MEMBERS.length, maxLength: MEMBERS.length }),
    fc.array(fc.nat(3), { minLength: 12, maxLength: 12 }),
    fc.integer({ min: 1, max: 50 }),
  )
  .map(([manifest, other, takeOther, listChoices, version]) => {
    const live: Record<string, unknown> = { ...manifest, Version: String(version) };
    MEMBERS.forEach((member, i) => {
      if (takeOther[i]) live[member] = other[member];
    });
    live.LicenseMetadata = mixLists(manifest.LicenseMetadata ?? [], other.LicenseMetadata ?? [], listChoices, 0);
    live.Entitlements = mixLists(manifest.Entitlements, other.Entitlements, listChoices, 6);
    return [manifest, asJson(live) as LiveLicense];
  });

/**
 * Per manifest item: 0 kept, 1 dropped, 2 and 3 kept under its name with the other
 * list's content (a changed value); then the other list's items whose names are new.
 */
function mixLists<T extends { Name: string }>(mine: T[], theirs: T[], choices: number[], offset: number): T[] {
  const kept = mine.flatMap((item, i) => {
    const choice = choices[(offset + i) % choices.length] ?? 0;
    if (choice === 1) return [];
    const replacement = theirs[i];
    return choice >= 2 && replacement ? [{ ...replacement, Name: item.Name }] : [item];
  });
  const names = new Set(kept.map((item) => item.Name));
  const extra = theirs.filter((item) => !names.has(item.Name));
  return [...kept, ...extra];
}

/** Every pointer into a comparable document, the document itself included. */
export function pointersOf(value: unknown, prefix = ''): string[] {
  if (!isRecord(value)) return [prefix];
  return [
    prefix,
    ...Object.entries(value).flatMap(([key, child]) => pointersOf(child, `${prefix}/${escapeSegment(key)}`)),
  ];
}

/** Ignore pointers for a manifest and its live license: existing paths on either side, wildcards, strays. */
export function ignoreArb(manifest: LicenseDocument, live: LiveLicense): fc.Arbitrary<string[]> {
  const paths = [...new Set([...pointersOf(normalize(manifest)), ...pointersOf(normalize(live))])].filter(
    (p) => p !== '',
  );
  const pointer = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...paths) },
    { weight: 2, arbitrary: fc.constantFrom(...paths).chain(withWildcard) },
    { weight: 1, arbitrary: fc.constantFrom('/Nope', '/Entitlements/nope/MaxCount', '/LicenseMetadata/*', '') },
  );
  return fc.array(pointer, { maxLength: 4 });
}

/** The pointer with one of its segments replaced by `*`. */
function withWildcard(pointer: string): fc.Arbitrary<string> {
  const segments = pointer.slice(1).split('/');
  return fc.nat(segments.length - 1).map((i) => `/${segments.map((s, j) => (j === i ? '*' : s)).join('/')}`);
}
