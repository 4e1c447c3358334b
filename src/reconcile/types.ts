/**
 * The plain data the reconcile core works on. Nothing here knows about
 * the AWS SDK, git or the file system.
 */
import type { Operation } from 'fast-json-patch';
import type { Failure } from './errors.js';

export type { Operation };
export type * from './steps.js';

/** One entitlement, as in the License Manager API. */
export interface Entitlement {
  Name: string;
  Value?: string;
  MaxCount?: number;
  Overage?: boolean;
  Unit: string;
  AllowCheckIn?: boolean;
}

/** A `{Name, Value}` pair of LicenseMetadata. */
export interface MetadataEntry {
  Name: string;
  Value: string;
}

export interface ConsumptionConfiguration {
  RenewType?: string;
  ProvisionalConfiguration?: { MaxTimeToLiveInMinutes: number };
  BorrowConfiguration?: { AllowEarlyCheckIn: boolean; MaxTimeToLiveInMinutes: number };
}

/**
 * The desired state of one license: the members of a CreateLicenseVersion
 * request except ClientToken and SourceVersion, which the tool computes.
 */
export interface LicenseDocument {
  LicenseArn?: string;
  LicenseName: string;
  ProductName: string;
  Issuer: { Name: string; SignKey?: string };
  HomeRegion: string;
  Validity: { Begin: string; End?: string };
  LicenseMetadata?: MetadataEntry[];
  Entitlements: Entitlement[];
  ConsumptionConfiguration: ConsumptionConfiguration;
  Status: string;
  /** Fixed at creation (CreateLicense); never sent in CreateLicenseVersion. */
  ProductSKU?: string;
  /** Fixed at creation (CreateLicense); never sent in CreateLicenseVersion. */
  Beneficiary?: string;
  /** The license's grants; absent: not managed; []: none. Never sent in CreateLicenseVersion. */
  Grants?: GrantEntry[];
  /** The license's user tags; absent: not managed; []: none. Not part of a version (TagResource). */
  Tags?: Tag[];
}

/** A resource tag, as TagResource and ListTagsForResource name it. */
export interface Tag {
  Key: string;
  Value: string;
}

/** One grant of a license, as CreateGrant / CreateGrantVersion name its members. */
export interface GrantEntry {
  GrantName: string;
  /** Exactly one account, organization or organizational unit ARN. */
  Principals: string[];
  AllowedOperations: string[];
  /** Present once the grant exists (written back after CreateGrant). */
  GrantArn?: string;
  /** Set only to suspend (DISABLED) or reactivate (ACTIVE). */
  Status?: string;
  StatusReason?: string;
  Options?: { ActivationOverrideBehavior?: string };
  /** The grant's user tags; absent: not managed; []: none (CreateGrant's Tags, then TagResource). */
  Tags?: Tag[];
}

/** A validated manifest: where it came from and what it asks for. */
export interface Manifest {
  /** Path relative to the working directory, as shown to users. */
  file: string;
  /** The manifest's content without `$schema` (with a `$template`: the template merged under it). */
  document: LicenseDocument;
  /** The product template the document was rendered from (`$template`), named as files are. */
  template?: string;
  /** `"allowBelowUsage": true`: changes that could cut off a customer in use are allowed (reconcile/usage.ts). */
  allowBelowUsage?: boolean;
}

/**
 * A license as GetLicense returns it (plain JSON). Server-side members such as
 * Version, CreateTime, ProductSKU, Beneficiary and Issuer.KeyFingerprint may be present.
 */
export type LiveLicense = Record<string, unknown> & { LicenseArn?: string; Version?: string; Status?: string };

/**
 * A grant as GetGrant and ListDistributedGrants return it (plain JSON), with the
 * API's output names: GrantedOperations, GranteePrincipalArn, GrantStatus.
 */
export type LiveGrant = Record<string, unknown> & {
  GrantArn?: string;
  GrantName?: string;
  LicenseArn?: string;
  GranteePrincipalArn?: string;
  GrantStatus?: string;
  Version?: string;
};

/** The result of reading one license's grants: every grant listed, or the reason they could not be read. */
export type GrantsRead = { ok: true; grants: LiveGrant[] } | Failure;

/** The result of reading one license: the live license or the reason it could not be read. */
export type LiveRead = { ok: true; license: LiveLicense } | Failure;

/**
 * A document in comparable form: lists keyed by Name, defaults filled,
 * instants canonical, server-side members removed. Produced by `normalize`.
 */
export type Comparable = Record<string, unknown>;

/**
 * One manifest and the read of its LicenseArn. `read` is undefined when the
 * license was not read at all (e.g. its region was unreachable); plan treats
 * that as an error.
 */
export interface Pairing {
  manifest: Manifest;
  read: LiveRead | undefined;
  /** The manifest has no LicenseArn and `read` is the license this tool created for it (found by its marker). */
  adopted?: boolean;
}

/**
 * A license whose manifest is gone (deleted from git, or never in git for a
 * license this tool created), read again for a pinned delete.
 */
export interface Retirement {
  /** The removed manifest, or a description of where the license came from. */
  file: string;
  licenseArn: string;
  read: LiveRead | undefined;
  /** What the license was, in manifest form (its name and HomeRegion). */
  document: LicenseDocument;
  /** Active grants of the license (ListDistributedGrants). */
  activeGrants?: number;
}

/** Options shared by `diff`, `planLicense` and `buildPlan`. */
export interface PlanOptions {
  /** Delete what the manifests no longer declare (--prune): here, grants no entry claims. */
  prune?: boolean;
  /** Delete licenses with active grants too (--force-delete-granted). */
  forceDeleteGranted?: boolean;
  /**
   * RFC 6901 JSON pointers into the normalized (keyed) form, removed from both
   * sides before comparing, e.g. `/LicenseMetadata/LastAudit`. A segment that is
   * exactly `*` matches any key. Apply sends the live value at these pointers.
   */
  ignore?: string[];
  /** More ignore pointers for one manifest (by its file as shown), e.g. from per-file rules in the config file. */
  ignoreFor?: (file: string) => readonly string[];
}
