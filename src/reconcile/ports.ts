/**
 * The ports the core declares; adapters (AWS, the emulator's client, fakes in
 * tests) implement them. Every method answers with a value, never throws.
 */
import type { Failure } from './errors.js';
import type { GRANT_VERSION_MEMBERS } from './grant-request.js';
import type { GrantEntry, GrantsRead, LicenseDocument, LiveGrant, LiveLicense, LiveRead, Tag } from './types.js';

export type { Tag };

/** A CreateLicenseVersion request: the desired content plus the pin and the idempotency token. */
export interface VersionRequest extends Omit<LicenseDocument, 'LicenseArn' | 'ProductSKU' | 'Beneficiary'> {
  LicenseArn: string;
  SourceVersion: string;
  ClientToken: string;
}

/**
 * A CreateLicense request: the manifest's content with the members fixed at
 * creation, the marker tags and the idempotency token. CreateLicense takes no
 * Status (a new license is AVAILABLE).
 */
export interface CreateRequest extends Omit<LicenseDocument, 'LicenseArn' | 'Status' | 'ProductSKU' | 'Beneficiary'> {
  ProductSKU: string;
  Beneficiary: string;
  ClientToken: string;
  Tags: Tag[];
}

/** A write that failed; `attempts` > 1 means the SDK retried: an earlier attempt may have been committed. */
export type WriteFailure = Failure & { attempts?: number };

export type CreateResult = { ok: true; licenseArn: string; version: string; status?: string } | WriteFailure;

/** DeleteLicense's answer: the status the license is left in (PENDING_DELETE or DELETED). */
export type DeleteResult = { ok: true; status: string } | WriteFailure;

/** ListLicenses filters, by the API's filter names. */
export interface LicenseFilters {
  ProductSKU?: string;
  Beneficiary?: string;
}

export type LicenseList = { ok: true; licenses: LiveLicense[] } | Failure;
export type TagsRead = { ok: true; tags: Record<string, string> } | Failure;
export type TagWrite = { ok: true } | Failure;
/** GetLicenseUsage: the consumed value of each entitlement, by its Name. */
export type UsageRead = { ok: true; consumed: Record<string, number> } | Failure;
export type GrantCount = { ok: true; active: number } | Failure;

export type WriteResult = { ok: true; version: string } | WriteFailure;

/** Why a batched read failed, which decides what the reader does next. */
export type BatchFailure =
  /** The credentials may not list: read license by license instead. */
  | 'denied'
  /** The service refused the number of ARNs: ask for fewer at a time. */
  | 'too-many'
  /** The service refused the request for another reason (e.g. one ARN): split the batch. */
  | 'rejected'
  /** Anything else (network, throttling after retries): read these licenses one by one. */
  | 'failed';

export type BatchRead = { ok: true; licenses: LiveLicense[] } | (Failure & { reason: BatchFailure });

export interface LicenseReader {
  /** GetLicense, sent to `region` (the license's HomeRegion). */
  getLicense(licenseArn: string, region: string): Promise<LiveRead>;
  /**
   * ListLicenses with `LicenseArns`, sent to `region`, through every page: the
   * licenses the service returned (maybe fewer, in any order). Optional: a reader
   * without it is read license by license.
   */
  listLicensesByArn?(licenseArns: readonly string[], region: string): Promise<BatchRead>;
}

/** What creating, finding and retiring licenses takes. */
export interface LicenseLifecycle {
  /** CreateLicense in `region`, one attempt: whether to retry is decided by looking for the license first. */
  createLicense(request: CreateRequest, region: string): Promise<CreateResult>;
  /** DeleteLicense pinned to `sourceVersion`, in `region` (the license's HomeRegion). */
  deleteLicense(licenseArn: string, sourceVersion: string, region: string): Promise<DeleteResult>;
  /** ListLicenses in `region`, every page, narrowed by `filters`. */
  listLicenses(region: string, filters?: LicenseFilters): Promise<LicenseList>;
  /** ListTagsForResource for a license or a grant, in its HomeRegion. */
  listTags(resourceArn: string, region: string): Promise<TagsRead>;
  /** TagResource: sets (adds or overwrites) these tags on a license or a grant. */
  tagResource(resourceArn: string, tags: readonly Tag[], region: string): Promise<TagWrite>;
  /** UntagResource: removes the tags with these keys. */
  untagResource(resourceArn: string, keys: readonly string[], region: string): Promise<TagWrite>;
  /** How many grants of the license are still in force (ListDistributedGrants filtered by LicenseArn). */
  countActiveGrants(licenseArn: string, region: string): Promise<GrantCount>;
}

export interface LicenseService extends LicenseReader, LicenseLifecycle, GrantReader, GrantWriter {
  /** CreateLicenseVersion, sent to `region` (the license's HomeRegion). */
  createLicenseVersion(request: VersionRequest, region: string): Promise<WriteResult>;
  /**
   * GetLicenseUsage in `region`, what plan reads before a change that could cut off a customer (reconcile/usage.ts).
   * Optional: a service without it makes the plan note that usage was not read.
   */
  getLicenseUsage?(licenseArn: string, region: string): Promise<UsageRead>;
}

// Grants

/** A CreateGrant request: the entry's members as CreateGrant names them, the license's HomeRegion, the token. */
export interface CreateGrantRequest extends Pick<GrantEntry, 'GrantName' | 'Principals' | 'AllowedOperations'> {
  ClientToken: string;
  LicenseArn: string;
  HomeRegion: string;
  /** The entry's user tags, set at creation. */
  Tags?: Tag[];
}

/** A CreateGrantVersion request: the changed members (of GRANT_VERSION_MEMBERS), pinned by SourceVersion. */
export interface GrantVersionRequest extends Partial<Pick<GrantEntry, (typeof GRANT_VERSION_MEMBERS)[number]>> {
  ClientToken: string;
  GrantArn: string;
  SourceVersion: string;
}

/** A DeleteGrant request, pinned by Version. */
export interface DeleteGrantRequest {
  GrantArn: string;
  Version: string;
}

export type GrantRead = { ok: true; grant: LiveGrant } | Failure;

export type GrantWriteResult = { ok: true; grantArn: string; version: string; status?: string } | WriteFailure;

export interface GrantReader {
  /** ListDistributedGrants filtered by LicenseArn, through every page, sent to `region`. */
  listGrants(licenseArn: string, region: string): Promise<GrantsRead>;
  /** GetGrant, sent to `region`. */
  getGrant(grantArn: string, region: string): Promise<GrantRead>;
}

export interface GrantWriter {
  createGrant(request: CreateGrantRequest, region: string): Promise<GrantWriteResult>;
  createGrantVersion(request: GrantVersionRequest, region: string): Promise<GrantWriteResult>;
  deleteGrant(request: DeleteGrantRequest, region: string): Promise<GrantWriteResult>;
}
