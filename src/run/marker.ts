/**
 * The marker license-gitops tags the licenses it creates with, so a license
 * whose ARN never reached git is found again (adopted) instead of created twice,
 * and a license it created whose manifest is gone can be pruned. Tags, not
 * LicenseMetadata: customers see metadata, not the issuer's tags.
 *
 *   license-gitops:managed-by   = license-gitops
 *   license-gitops:manifest     = the manifest's path in the manifest tree, e.g. acme.json or team/acme.json
 *                                 (its SHA-256 when longer than a tag value can hold)
 *   license-gitops:client-token = the CreateLicense ClientToken (which manifest content created it)
 *   license-gitops:commit       = the full hash of the commit whose manifest apply last wrote (created
 *                                 the license, or its latest version apply made); `history` reads it
 */
import path from 'node:path';
import { createToken, digest } from '../reconcile/token.js';
import type { CreateRequest, Tag } from '../reconcile/ports.js';
import type { LicenseDocument } from '../reconcile/types.js';
import { toPosix } from '../paths.js';

export const MARKER_KEY = 'license-gitops:managed-by';
export const MARKER_VALUE = 'license-gitops';
export const MANIFEST_TAG = 'license-gitops:manifest';
export const TOKEN_TAG = 'license-gitops:client-token';
export const COMMIT_TAG = 'license-gitops:commit';

/** The tag naming the commit a write came from. */
export function commitTag(commit: string): Tag {
  return { Key: COMMIT_TAG, Value: commit };
}

/** A tag value holds at most 256 characters. */
const MAX_TAG_VALUE = 256;

/**
 * What the manifest tag holds for a manifest's name: the name itself, or for a
 * name longer than a tag value can hold its SHA-256 (`sha256:<hex>`), never a
 * cut name that another manifest could share.
 */
export function manifestTagValue(key: string): string {
  return key.length <= MAX_TAG_VALUE ? key : `sha256:${digest(key)}`;
}

/** The manifest's name in tags: its path in the manifest tree (`manifestDir`), with `/`. */
export function manifestKey(file: string, manifestDir: string | undefined): string {
  if (!manifestDir) return toPosix(file);
  return toPosix(path.relative(path.resolve(manifestDir), path.resolve(file)));
}

/**
 * The CreateLicense request for a manifest without LicenseArn: its content, the
 * fixed members, the marker. `retired` are the deleted licenses earlier creates of
 * this same manifest made (see `CreatedLicenses.retired`): the token then covers
 * them too, so it is new for this create and still the same for each retry of it.
 * `commit`, the commit applied, is tagged but not part of the token.
 */
export function createRequest(
  document: LicenseDocument,
  key: string,
  retired: readonly string[] = [],
  commit?: string,
): CreateRequest {
  const { LicenseArn: _arn, Status: _status, ProductSKU, Beneficiary, Grants: _grants, Tags, ...content } = document;
  const token = createToken(document, key, retired);
  const tags: Tag[] = [
    { Key: MARKER_KEY, Value: MARKER_VALUE },
    { Key: MANIFEST_TAG, Value: manifestTagValue(key) },
    { Key: TOKEN_TAG, Value: token },
    ...(commit ? [commitTag(commit)] : []),
    ...(Tags ?? []).map(({ Key, Value }) => ({ Key, Value })),
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
