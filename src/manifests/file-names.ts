/**
 * File names for imported manifests: the license name as a slug, made unique
 * with the license's short id. Pure: the caller lists the names already taken.
 *
 *   "Acme Analytics Pro (EU)"            → acme-analytics-pro-eu.json
 *   a second license named "Acme Pro"    → acme-pro-1b2c3d4e.json (first 8 hex of its l-… id)
 *   a name with no usable character      → l-0a1b2c3d….json (the license id)
 */
import { codeUnitOrder } from '../reconcile/json-values.js';

/** Longest slug kept from a license name, before any suffix. */
export const MAX_SLUG_LENGTH = 60;

/** Characters of the license id used to tell two licenses with the same name apart. */
export const SHORT_ID_LENGTH = 8;

/** Latin letters that Unicode decomposition leaves whole, spelled in ASCII. */
const FOLDED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', þ: 'th' };

/** Names Windows refuses for files whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** `Acme Analytics Pro (EU)` → `acme-analytics-pro-eu`: lowercase `a-z0-9-`, accents folded, at most 60 characters; '' if nothing is left. */
export function slugify(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßæœøđłþ]/g, (letter) => FOLDED[letter] ?? letter);
  const slug = trimDashes(folded.replace(/[^a-z0-9]+/g, '-'));
  const short = trimDashes(slug.slice(0, MAX_SLUG_LENGTH));
  return RESERVED.test(short) ? `${short}-license` : short;
}

/** The license id at the end of the ARN (`arn:aws:license-manager::123456789012:license:l-0a1b…` → `l-0a1b…`), as a slug. */
export function licenseId(licenseArn: string): string {
  const id = licenseArn.split(/[:/]/).at(-1) ?? '';
  return trimDashes(id.toLowerCase().replace(/[^a-z0-9]+/g, '-')) || 'license';
}

/** The first characters of the id that tell licenses apart: the hex after `l-`, else the id itself. */
export function shortId(licenseArn: string): string {
  const id = licenseId(licenseArn);
  return (id.startsWith('l-') ? id.slice(2) : id).slice(0, SHORT_ID_LENGTH) || id;
}

/** The file name a license gets when nothing is in its way. */
export function preferredName(licenseName: unknown, licenseArn: string): string {
  const slug = typeof licenseName === 'string' ? slugify(licenseName) : '';
  return `${slug || licenseId(licenseArn)}.json`;
}

/**
 * The names tried for one license, in order: the slug, the slug with the
 * short id, the slug with the whole id, then that with -2, -3, ….
 */
export function* candidateNames(licenseName: unknown, licenseArn: string): Generator<string> {
  const preferred = preferredName(licenseName, licenseArn);
  const base = preferred.slice(0, -'.json'.length);
  const id = licenseId(licenseArn);
  yield preferred;
  if (base !== id) {
    yield `${base}-${shortId(licenseArn)}.json`;
    yield `${base}-${id}.json`;
  }
  const stem = base === id ? id : `${base}-${id}`;
  for (let n = 2; ; n += 1) yield `${stem}-${n}.json`;
}

interface NameRequest {
  licenseArn: string;
  licenseName: unknown;
}

/**
 * A file name for each license (by LicenseArn), unique among them and unlike
 * every name in `taken` (compared ignoring case, as macOS and Windows do).
 * Licenses are named in LicenseArn order, so the same licenses and the same
 * folder give the same names on every run, whatever order they were listed in.
 */
export function assignFileNames(requests: readonly NameRequest[], taken: Iterable<string>): Map<string, string> {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  const names = new Map<string, string>();
  const ordered = [...requests].sort((a, b) => codeUnitOrder(a.licenseArn, b.licenseArn));
  for (const { licenseArn, licenseName } of ordered) {
    if (names.has(licenseArn)) continue;
    // Candidate names are endless: one is always free.
    for (const name of candidateNames(licenseName, licenseArn)) {
      if (used.has(name.toLowerCase())) continue;
      used.add(name.toLowerCase());
      names.set(licenseArn, name);
      break;
    }
  }
  return names;
}

function trimDashes(text: string): string {
  return text.replace(/^-+|-+$/g, '');
}
