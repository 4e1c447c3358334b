/**
 * A live license as a manifest: the members of a CreateLicenseVersion request
 * (minus ClientToken and SourceVersion) in a stable order, written for humans.
 * Pure: it never mutates the live license, and it proves each manifest valid
 * and equal to live (under `normalize`) before anyone writes it.
 */
import { isRecord } from '../reconcile/json-values.js';
import { isGoneStatus } from '../reconcile/gone.js';
import { diff } from '../reconcile/diff.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { normalize, toCanonicalInstant } from '../reconcile/normalize.js';
import { SERVICE_STATUSES } from '../reconcile/immutable.js';
import { comparableGrant } from '../reconcile/grant-normalize.js';
import { pairGrants } from '../reconcile/grant-plan.js';
import type { GrantEntry, LicenseDocument, LiveGrant, LiveLicense } from '../reconcile/types.js';
import { codeUnitOrder } from '../reconcile/json-values.js';
import { validateManifests } from './validate.js';

type Json = Record<string, unknown>;

/** The manifest for one live license, or why the license can't be one. */
export type FromLive = { ok: true; document: LicenseDocument } | { ok: false; error: LicenseError };

/**
 * The manifest document for `live` (without `$schema`), checked against the
 * schema and rules and compared with live as `plan` compares them.
 */
export function manifestFromLive(live: LiveLicense, grants?: readonly LiveGrant[]): FromLive {
  const licenseArn = typeof live.LicenseArn === 'string' ? live.LicenseArn : undefined;
  if (isGoneStatus(live.Status)) {
    const message = `the license is ${live.Status}; a deleted license can't be managed, so no manifest was written`;
    return { ok: false, error: licenseError('DELETED', message, { licenseArn }) };
  }
  const license = documentFromLive(live);
  // Only a license that has grants gets `Grants`: `[]` would put a license nobody granted under management.
  const entries = grantsFromLive(grants ?? []);
  const document = entries.length > 0 ? { ...license, Grants: entries } : license;
  const problem = invalidManifest(document) ?? driftFromLive(document, live) ?? grantDrift(document, grants ?? []);
  return problem ? { ok: false, error: { ...problem, ...(licenseArn ? { licenseArn } : {}) } } : { ok: true, document };
}

/**
 * The members of a CreateLicenseVersion request, in the order the API documents
 * them, nulls dropped, with ProductSKU and Beneficiary (so the file alone could
 * create the license again). A status only License Manager sets (EXPIRED,
 * SUSPENDED, PENDING_AVAILABLE) becomes AVAILABLE, what the issuer asked for;
 * the plan reports the live status instead of writing it back.
 */
export function documentFromLive(live: LiveLicense): LicenseDocument {
  return compact({
    LicenseArn: live.LicenseArn,
    LicenseName: live.LicenseName,
    ProductName: live.ProductName,
    ProductSKU: live.ProductSKU || undefined,
    Beneficiary: live.Beneficiary || undefined,
    // GetLicense adds Issuer.KeyFingerprint, which the service computes; a request carries only Name and SignKey.
    Issuer: ifRecord(live.Issuer, (issuer) => pick(issuer, ['Name', 'SignKey'])),
    HomeRegion: live.HomeRegion,
    Validity: ifRecord(live.Validity, ({ Begin, End }) =>
      compact({ Begin: readableInstant(Begin), End: readableInstant(End) }),
    ),
    LicenseMetadata: metadataOf(live.LicenseMetadata),
    Entitlements: entitlementsOf(live.Entitlements),
    ConsumptionConfiguration: consumptionOf(live.ConsumptionConfiguration),
    Status: serviceSet(live) ? 'AVAILABLE' : live.Status,
  }) as unknown as LicenseDocument;
}

/** The API omits an empty LicenseMetadata; so does the manifest (the member is optional). */
function metadataOf(metadata: unknown): unknown {
  const entries = itemsOf(metadata, (entry) => pick(entry, ['Name', 'Value']));
  return Array.isArray(entries) && entries.length === 0 ? undefined : entries;
}

/** The members of an entitlement a request takes, in the order the API documents them. */
const ENTITLEMENT_MEMBERS = ['Name', 'Unit', 'MaxCount', 'Value', 'Overage', 'AllowCheckIn'];

/** Entitlements are required in a manifest; the API omits an empty list. Booleans are kept as live has them. */
function entitlementsOf(entitlements: unknown): unknown {
  const entitlementOf = (item: Json) => pick({ ...item, MaxCount: wholeNumber(item.MaxCount) }, ENTITLEMENT_MEMBERS);
  return itemsOf(entitlements ?? [], entitlementOf);
}

/** A list without its null items, each object through `each`; anything but a list is left for the schema to reject. */
function itemsOf(list: unknown, each: (item: Json) => Json): unknown {
  if (!Array.isArray(list)) return list;
  return list.filter((item) => item != null).map((item) => ifRecord(item, each));
}

/** An object through `each`; anything else is left as it is, for the schema to reject. */
function ifRecord(value: unknown, each: (record: Json) => Json): unknown {
  return isRecord(value) ? each(value) : value;
}

/** ConsumptionConfiguration is required in a manifest; the API may omit it, and omits AllowEarlyCheckIn when false. */
function consumptionOf(config: unknown): unknown {
  if (config == null) return {};
  if (!isRecord(config)) return config;
  return compact({
    RenewType: config.RenewType,
    ProvisionalConfiguration: ifRecord(config.ProvisionalConfiguration, (provisional) =>
      compact({ MaxTimeToLiveInMinutes: wholeNumber(provisional.MaxTimeToLiveInMinutes) }),
    ),
    BorrowConfiguration: ifRecord(config.BorrowConfiguration, (borrow) =>
      compact({
        AllowEarlyCheckIn: borrow.AllowEarlyCheckIn ?? false,
        MaxTimeToLiveInMinutes: wholeNumber(borrow.MaxTimeToLiveInMinutes),
      }),
    ),
  });
}

/** Live data may carry whole numbers as strings ("10"); the schema wants integers. */
function wholeNumber(value: unknown): unknown {
  return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

const SCHEMA_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * The live instant as written, its offset kept, without an all-zero fraction
 * (`2026-01-01T00:00:00.000Z` → `2026-01-01T00:00:00Z`). Another spelling of an
 * instant (`t`, `z`) becomes UTC; anything else is left for the schema to reject.
 */
export function readableInstant(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const spelled = SCHEMA_INSTANT.test(value) ? value : toCanonicalInstant(value);
  return typeof spelled === 'string' ? spelled.replace(/\.0+(?=Z$|[+-]\d\d:\d\d$)/, '') : value;
}

/** The schema and rule errors of the document as a manifest, as one error; undefined when valid. */
function invalidManifest(document: LicenseDocument): LicenseError | undefined {
  const { errors } = validateManifests([{ file: 'manifest', text: JSON.stringify(document) }]);
  const [first] = errors;
  if (!first) return undefined;
  const problems = errors.map((error) => error.message).join('; ');
  return licenseError(first.code, `the live license can't be written as a valid manifest: ${problems}`);
}

/** Members of live the manifest can't carry, found as `plan` would: a non-empty diff after normalizing. */
function driftFromLive(document: LicenseDocument, live: LiveLicense): LicenseError | undefined {
  const status = serviceSet(live) ? { Status: document.Status } : {};
  const patch = diff(normalize({ ...live, ...status }), normalize(document));
  if (patch.length === 0) return undefined;
  const paths = patch.map((op) => op.path).join(', ');
  const message = `the live license has members a manifest can't carry (${paths}); plan would always show drift, so no manifest was written`;
  return licenseError('MANIFEST_SCHEMA', message);
}

/**
 * The license's live grants as manifest entries, by name: what CreateGrant
 * takes (GrantName, Principals, AllowedOperations) plus GrantArn and Options.
 * Status and StatusReason are left out: until the manifest sets them, the
 * grant's status stays the grantee's (and the issuer's console's) business.
 */
function grantsFromLive(grants: readonly LiveGrant[]): GrantEntry[] {
  return grants
    .filter((grant) => !isGoneStatus(grant.GrantStatus))
    .map(
      (grant) =>
        compact({
          GrantName: grant.GrantName,
          Principals: grant.GranteePrincipalArn === undefined ? undefined : [grant.GranteePrincipalArn],
          AllowedOperations: grant.GrantedOperations,
          Options: isRecord(grant.Options) && Object.keys(grant.Options).length > 0 ? grant.Options : undefined,
          GrantArn: grant.GrantArn,
        }) as unknown as GrantEntry,
    )
    .sort((a, b) => codeUnitOrder(a.GrantName, b.GrantName));
}

/** Grants the entries can't carry, found as `plan` would pair and compare them. */
function grantDrift(document: LicenseDocument, grants: readonly LiveGrant[]): LicenseError | undefined {
  const drifted = pairGrants(document.Grants ?? [], grants).filter((pairing) => {
    if (pairing.kind !== 'live') return true;
    const { desired, observed } = comparableGrant(pairing.entry, pairing.live);
    return JSON.stringify(desired) !== JSON.stringify(observed);
  });
  if (drifted.length === 0) return undefined;
  const message = `the license's grants can't all be written as manifest entries (${drifted.length} would differ); no manifest was written`;
  return licenseError('MANIFEST_SCHEMA', message);
}

/** Whether the live status is one License Manager sets (EXPIRED, SUSPENDED, PENDING_AVAILABLE). */
function serviceSet(live: LiveLicense): boolean {
  return SERVICE_STATUSES.includes(String(live.Status));
}

/** The `keys` of `record` that hold a value, in that order. */
function pick(record: Json, keys: readonly string[]): Json {
  return compact(Object.fromEntries(keys.map((key) => [key, record[key]])));
}

/** A copy without null and undefined members, keys in insertion order. */
function compact(members: Json): Json {
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value != null));
}

/** Longest line (indentation included) a value is kept on before it is broken up. */
const LINE_WIDTH = 100;

/**
 * The manifest file's text: `$schema` first, two-space JSON, small objects
 * on one line (as the example manifests are written), a trailing newline.
 */
export function renderManifest(document: LicenseDocument, schemaRef: string): string {
  return `${renderValue({ $schema: schemaRef, ...document }, '', 0)}\n`;
}

/** `value` at `indent`, on one line when it is small and fits after `prefix` characters, else broken up. */
function renderValue(value: unknown, indent: string, prefix: number): string {
  const inline = inlineJson(value);
  const fits = indent.length + prefix + inline.length + 1 <= LINE_WIDTH;
  if (isScalar(value) || (isSmall(value) && fits)) return inline;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value.map((item) => `${inner}${renderValue(item, inner, 0)}`);
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Json).map(([key, member]) => {
    const name = JSON.stringify(key);
    return `${inner}${name}: ${renderValue(member, inner, name.length + 2)}`;
  });
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** One line: `{ "Name": "seats", "MaxCount": 10 }`, `[{ … }]`, `["a", "b"]`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (!isRecord(value)) return JSON.stringify(value);
  const entries = Object.entries(value).map(([key, member]) => `${JSON.stringify(key)}: ${inlineJson(member)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/** Small enough for one line: a scalar, a flat object or list, or a list of one flat object. */
function isSmall(value: unknown): boolean {
  return isFlat(value) || (Array.isArray(value) && value.length === 1 && isFlat(value[0]));
}

function isFlat(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(isScalar);
  if (isRecord(value)) return Object.values(value).every(isScalar);
  return true;
}

function isScalar(value: unknown): boolean {
  return (!Array.isArray(value) && !isRecord(value)) || Object.keys(value).length === 0;
}
