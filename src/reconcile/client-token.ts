/**
 * The idempotency token for one CreateLicenseVersion: the same license, pin
 * and content always give the same token, so a retried apply can't create a
 * second version; any real change or another pin gives another token.
 */
import { createHash } from 'node:crypto';
import { normalize } from './normalize.js';
import type { LicenseDocument } from './types.js';

/**
 * SHA-256 over (LicenseArn, SourceVersion, normalized desired content), as 64
 * hex characters (the API accepts up to 2048 non-space characters).
 */
export function clientToken(licenseArn: string, sourceVersion: string, desired: LicenseDocument): string {
  const content = JSON.stringify(normalize(desired));
  return createHash('sha256')
    .update(JSON.stringify([licenseArn, sourceVersion, content]))
    .digest('hex');
}
