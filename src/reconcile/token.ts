/**
 * Every idempotency token, in one place. A token is SHA-256 over what its write
 * does, so the same write always carries the same token (a retried or repeated
 * apply can't make a second license, version or grant) and any real change, or
 * another pin, carries another. Tokens are 64 hex characters (the API accepts
 * up to 2048 non-space characters).
 */
import { createHash } from 'node:crypto';
import { sortedMembers } from './json-values.js';
import { normalize, userTags } from './normalize.js';
import type { LicenseDocument } from './types.js';

/** SHA-256 over the JSON of `parts`, as 64 hex characters. */
export function digest(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** CreateLicenseVersion: (LicenseArn, SourceVersion, normalized desired content). */
export function clientToken(licenseArn: string, sourceVersion: string, desired: LicenseDocument): string {
  return digest(licenseArn, sourceVersion, JSON.stringify(normalize(desired)));
}

/**
 * CreateLicense: the manifest's name, the members fixed at creation, the
 * normalized content and the user tags. `retired` are the deleted licenses
 * earlier creates of this manifest made: the token then covers them too, so it
 * is new for this create (a service replaying a token's first answer can't hand
 * back a deleted license) and still the same for each retry of it.
 */
export function createToken(document: LicenseDocument, key: string, retired: readonly string[] = []): string {
  const content = JSON.stringify(normalize(document));
  const fixed = [document.HomeRegion, document.ProductSKU ?? '', document.Beneficiary ?? ''];
  // Tags are not part of a version (normalize leaves them out) but they are part of this request.
  const tags = document.Tags?.length ? [JSON.stringify(userTags(document.Tags))] : [];
  const first = digest('CreateLicense', key, ...fixed, content, ...tags);
  return retired.length === 0 ? first : digest(first, ...retired);
}

/** CreateGrant and CreateGrantVersion: the operation and its content, keys sorted. */
export function grantToken(operation: string, content: Record<string, unknown>): string {
  return digest(operation, sortedMembers(content));
}
