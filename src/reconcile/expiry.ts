/**
 * Expiry ahead of time: the licenses whose `Validity.End` falls within the
 * warning window (the next `days` days from `now`), soonest first, with the
 * customer they are for. Pure: the caller says what time it is.
 */
import { codeUnitOrder } from './json-values.js';
import type { Manifest } from './types.js';

/** The warning window: `days` days from `now` (epoch milliseconds). */
export interface ExpiryWindow {
  days: number;
  now: number;
}

/** One license that ends within the window. */
export interface ExpiringLicense {
  file: string;
  licenseArn?: string;
  licenseName: string;
  /** The customer: the manifest's Beneficiary, else the live license's. */
  beneficiary?: string;
  /** Validity.Begin and Validity.End as ISO 8601 instants (UTC). */
  begin: string;
  end: string;
  /** Whole days left (0: it ends within a day). */
  daysLeft: number;
}

/** What a plan or a validation says about expiry: the window's length, and what ends in it. */
export interface ExpiryReport {
  days: number;
  /** When the window starts (ISO 8601), so a saved plan says what "within" was measured from. */
  from: string;
  licenses: ExpiringLicense[];
}

export const DEFAULT_EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * The licenses of `manifests` ending in the window, soonest first (then by file).
 * `beneficiaryOf` gives the live Beneficiary for a manifest that leaves it out.
 */
export function expiryReport(
  manifests: readonly Manifest[],
  window: ExpiryWindow,
  beneficiaryOf: (manifest: Manifest) => string | undefined = () => undefined,
): ExpiryReport {
  const last = window.now + window.days * DAY_MS;
  const licenses = manifests.flatMap((manifest): ExpiringLicense[] => {
    const { document } = manifest;
    const end = instant(document.Validity.End);
    if (end === undefined || end < window.now || end > last) return [];
    const beneficiary = document.Beneficiary ?? beneficiaryOf(manifest);
    return [
      {
        file: manifest.file,
        ...(document.LicenseArn ? { licenseArn: document.LicenseArn } : {}),
        licenseName: document.LicenseName,
        ...(beneficiary ? { beneficiary } : {}),
        begin: new Date(instant(document.Validity.Begin) ?? window.now).toISOString(),
        end: new Date(end).toISOString(),
        daysLeft: Math.floor((end - window.now) / DAY_MS),
      },
    ];
  });
  licenses.sort((a, b) => codeUnitOrder(a.end, b.end) || codeUnitOrder(a.file, b.file));
  return { days: window.days, from: new Date(window.now).toISOString(), licenses };
}

/** "in 12 days", "in 1 day", "within a day". */
export function dueText(daysLeft: number): string {
  if (daysLeft <= 0) return 'within a day';
  return `in ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`;
}

/** The instant `text` names, in epoch milliseconds; none when it names none. */
export function instant(text: string | undefined): number | undefined {
  const value = Date.parse(text ?? '');
  return Number.isNaN(value) ? undefined : value;
}
