/**
 * The marker license-gitops tags the licenses it creates with, so a license
 * whose ARN never reached git is found again (adopted) instead of created twice,
 * and a license it created whose manifest is gone can be pruned. Tags, not
 * LicenseMetadata: customers see metadata, not the issuer's tags.
 *
 *   license-gitops:managed-by   = license-gitops
 *   license-gitops:manifest     = the manifest's path under the manifest directory, e.g. acme.json
 *   license-gitops:client-token = the CreateLicense ClientToken (which manifest content created it)
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { normalize } from '../reconcile/normalize.js';
import type { CreateRequest, Tag } from '../reconcile/ports.js';
import type { LicenseDocument } from '../reconcile/types.js';
import { toPosix } from '../paths.js';

export const MARKER_KEY = 'license-gitops:managed-by';
export const MARKER_VALUE = 'license-gitops';
export const MANIFEST_TAG = 'license-gitops:manifest';
export const TOKEN_TAG = 'license-gitops:client-token';

/** The manifest's name in tags: its path under the manifest directory, with `/`. */
export function manifestKey(file: string, manifestDir: string | undefined): string {
  if (!manifestDir) return toPosix(file);
  return toPosix(path.relative(path.resolve(manifestDir), path.resolve(file)));
}

/**
 * The CreateLicense ClientToken: SHA-256 over the manifest's name, the members
 * fixed at creation and the normalized content, so a retry of the same create
 * is one license, and another manifest (or a changed one) is another request.
 */
export function createToken(document: LicenseDocument, key: string): string {
  const content = JSON.stringify(normalize(document));
  const fixed = [document.HomeRegion, document.ProductSKU ?? '', document.Beneficiary ?? ''];
  return createHash('sha256')
    .update(JSON.stringify(['CreateLicense', key, ...fixed, content]))
    .digest('hex');
}

/**
 * The CreateLicense request for a manifest without LicenseArn: its content, the
 * fixed members, the marker. `retired` are the deleted licenses earlier creates of
 * this same manifest made (see `CreatedLicenses.retired`): the token then covers
 * them too, so it is new for this create and still the same for each retry of it.
 */
export function createRequest(document: LicenseDocument, key: string, retired: readonly string[] = []): CreateRequest {
  const { LicenseArn: _arn, Status: _status, ProductSKU, Beneficiary, ...content } = document;
  const first = createToken(document, key);
  const token =
    retired.length === 0
      ? first
      : createHash('sha256')
          .update(JSON.stringify([first, ...retired]))
          .digest('hex');
  const tags: Tag[] = [
    { Key: MARKER_KEY, Value: MARKER_VALUE },
    { Key: MANIFEST_TAG, Value: key.slice(0, 256) },
    { Key: TOKEN_TAG, Value: token },
  ];
  return { ...content, ProductSKU: ProductSKU ?? '', Beneficiary: Beneficiary ?? '', ClientToken: token, Tags: tags };
}

export function isMarked(tags: Readonly<Record<string, string>>): boolean {
  return tags[MARKER_KEY] === MARKER_VALUE;
}

/** The manifest a marked license names, when it is a plain relative path (tags come from outside). */
export function markedManifest(tags: Readonly<Record<string, string>>): string | undefined {
  const key = tags[MANIFEST_TAG];
  if (key === undefined || !/^[\w.@+-]+(\/[\w.@+-]+)*$/.test(key) || key.split('/').includes('..')) return undefined;
  return key;
}
