/**
 * What a new version can't change: the members fixed when a license is created,
 * and the statuses only License Manager sets.
 */
import { licenseError, type LicenseError } from './errors.js';
import type { LicenseDocument, LiveLicense } from './types.js';

/** Members CreateLicense sets once; CreateLicenseVersion can't change them. */
const IMMUTABLE_MEMBERS = ['HomeRegion', 'ProductSKU', 'Beneficiary'] as const;

/** Statuses an issuer sets in a manifest; every other status is set by License Manager. */
const ISSUER_LICENSE_STATUSES: readonly string[] = ['AVAILABLE', 'DEACTIVATED'];

/** Statuses License Manager sets on a license that still exists (deleted ones are their own case). */
export const SERVICE_STATUSES: readonly string[] = ['PENDING_AVAILABLE', 'SUSPENDED', 'EXPIRED'];

/**
 * The first member fixed at creation whose manifest value differs from the live
 * license's, as an IMMUTABLE error saying how to get there (a new license). A
 * member the manifest leaves out, or that equals the live value, is fine.
 */
export function immutableChange(
  live: LiveLicense,
  desired: LicenseDocument,
  subject: { file: string; licenseArn: string },
): LicenseError | undefined {
  for (const member of IMMUTABLE_MEMBERS) {
    const want = desired[member];
    const have = live[member];
    if (want === undefined || typeof have !== 'string' || have === want) continue;
    const message =
      `${member} can't be changed by a new version: live is ${have}, manifest says ${want}. ` +
      `It is fixed when a license is created, so this needs a new license: add a manifest without LicenseArn ` +
      `(apply creates it), and retire this one by deleting its manifest and applying with --prune`;
    return licenseError('IMMUTABLE', message, { ...subject, fault: 'user' });
  }
  return undefined;
}

/**
 * When the live license is in a status only License Manager sets (EXPIRED,
 * PENDING_AVAILABLE, SUSPENDED, ...), the plan says so instead of writing the
 * manifest's status back over it.
 */
export function serviceStatusNote(live: LiveLicense): string | undefined {
  const status = live.Status;
  if (typeof status !== 'string' || ISSUER_LICENSE_STATUSES.includes(status)) return undefined;
  if (status === 'EXPIRED')
    return 'the license is EXPIRED (License Manager sets this at Validity.End); extending Validity.End in the manifest renews it';
  return `the license is ${status}, a status License Manager sets; its Status is not written back`;
}
