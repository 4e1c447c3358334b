/**
 * The one function that builds both what apply sends and what plan shows: the
 * manifest with the live value at every ignored pointer (`carryIgnored`,
 * diff.ts), and the patch from the live license to exactly that, so a review
 * can't show less than the write.
 *
 * Both sides are worked on in comparable form (`normalize`), where ignore
 * pointers are written (`/LicenseMetadata/LastAudit`, `/Entitlements/*\/Overage`).
 * When an ignored value differs from the manifest, the content sent is that form
 * turned back into the API's (lists of `{Name, …}`); otherwise it is the manifest
 * as written. Nothing here mutates its inputs.
 */
import jsonpatch from 'fast-json-patch';
import { clientToken } from './token.js';
import { carryIgnored } from './diff.js';
import { isRecord, setOwn } from './json-values.js';
import { normalize } from './normalize.js';
import type { VersionRequest } from './ports.js';
import type { Comparable, LicenseDocument, LiveLicense, Operation, PlanStep } from './types.js';

export interface PlannedWrite {
  /** The content apply sends: the manifest, with the live value at each ignored pointer. */
  desired: LicenseDocument;
  /** The live license in comparable form (what the patch applies to). */
  observed: Comparable;
  /** RFC 6902: `observed` → the comparable form of `desired`. Empty means nothing to send. */
  patch: Operation[];
}

/**
 * What to send for `manifest` given the `live` license, and the patch from live
 * to it. Ignore pointers must be well-formed (`checkIgnore`); a malformed one is
 * skipped here.
 */
export function plannedWrite(
  live: LiveLicense,
  manifest: LicenseDocument,
  ignore: readonly string[] = [],
): PlannedWrite {
  const observed = normalize(live);
  const wanted = normalize(manifest);
  const sent = carryIgnored(wanted, observed, ignore);
  // When no ignored value differs, the manifest is sent as written.
  if (ignore.length === 0 || jsonpatch.compare(wanted, sent).length === 0)
    return { desired: manifest, observed, patch: jsonpatch.compare(observed, wanted) };
  // Grants and tags are no members of a version: kept as the manifest has them, their kinds plan them.
  const { Grants, Tags } = manifest;
  // Normalized once more first, so a member the API requires that an ignore rule removed (live has
  // none) is sent as what its absence means: `AllowEarlyCheckIn` absent is `false`.
  const content = toDocument(normalize(toDocument(sent, manifest.LicenseArn)), manifest.LicenseArn);
  const desired = {
    ...content,
    ...(Grants !== undefined ? { Grants } : {}),
    ...(Tags !== undefined ? { Tags } : {}),
  };
  return { desired, observed, patch: jsonpatch.compare(observed, normalize(desired)) };
}

/** The exact CreateLicenseVersion request for an `update` step: its content, the pin, the idempotency token. */
export function versionRequest(step: PlanStep): VersionRequest {
  const sourceVersion = step.sourceVersion ?? '';
  // Members fixed at creation are never sent (the plan refused any change to them).
  // Grants and tags have their own calls (their kinds).
  const { ProductSKU: _sku, Beneficiary: _beneficiary, Grants: _grants, Tags: _tags, ...content } = step.desired;
  return {
    ...content,
    LicenseArn: step.licenseArn,
    // A manifest without metadata means none: say so, or a service that keeps the old list never converges.
    LicenseMetadata: step.desired.LicenseMetadata ?? [],
    SourceVersion: sourceVersion,
    ClientToken: clientToken(step.licenseArn, sourceVersion, step.desired),
  };
}

/** The comparable form back in the API's shape: keyed lists become lists of `{Name, …}`; the ARN is the manifest's. */
function toDocument(comparable: Comparable, licenseArn: string | undefined): LicenseDocument {
  const document: Record<string, unknown> = licenseArn === undefined ? {} : { LicenseArn: licenseArn };
  for (const [key, value] of Object.entries(comparable)) {
    setOwn(document, key, KEYED_LISTS.includes(key) && isRecord(value) ? unkeyed(value) : value);
  }
  return document as unknown as LicenseDocument;
}

/** Lists the API doesn't keep in order, which `normalize` keys by Name. */
const KEYED_LISTS = ['Entitlements', 'LicenseMetadata'];

function unkeyed(keyed: Record<string, unknown>): Record<string, unknown>[] {
  return Object.entries(keyed).map(([Name, item]) => ({ Name, ...(isRecord(item) ? item : {}) }));
}
