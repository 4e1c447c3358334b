/**
 * The plain data the reconcile core works on. Nothing here knows about
 * the AWS SDK, git or the file system.
 */
import type { Operation } from 'fast-json-patch';
import type { LicenseError } from './errors.js';

export type { Operation };

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
  LicenseArn: string;
  LicenseName: string;
  ProductName: string;
  Issuer: { Name: string; SignKey?: string };
  HomeRegion: string;
  Validity: { Begin: string; End?: string };
  LicenseMetadata?: MetadataEntry[];
  Entitlements: Entitlement[];
  ConsumptionConfiguration: ConsumptionConfiguration;
  Status: string;
  /** The license's grants; absent: not managed; []: none. Never sent in CreateLicenseVersion. */
  Grants?: GrantEntry[];
}

/** One grant of a license, as CreateGrant / CreateGrantVersion name its members. */
export interface GrantEntry {
  GrantName: string;
  /** Exactly one account or organization ARN. */
  Principals: string[];
  AllowedOperations: string[];
  /** Present once the grant exists (written back after CreateGrant). */
  GrantArn?: string;
  /** Set only to suspend (DISABLED) or reactivate (ACTIVE). */
  Status?: string;
  StatusReason?: string;
  Options?: { ActivationOverrideBehavior?: string };
}

/** A validated manifest: where it came from and what it asks for. */
export interface Manifest {
  /** Path relative to the working directory, as shown to users. */
  file: string;
  /** The manifest's content without `$schema`. */
  document: LicenseDocument;
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
export type GrantsRead = { ok: true; grants: LiveGrant[] } | { ok: false; error: LicenseError };

/** The result of reading one license: the live license or the reason it could not be read. */
export type LiveRead = { ok: true; license: LiveLicense } | { ok: false; error: LicenseError };

/**
 * A document in comparable form: lists keyed by Name, defaults filled,
 * instants canonical, server-side members removed. Produced by `normalize`.
 */
export type Comparable = Record<string, unknown>;

/**
 * What a run will do to one license. A closed vocabulary; `severity.ts` ranks them.
 */
export type Action =
  /** Live already matches the manifest: no call is made, the version is not bumped. */
  | 'noop'
  /** Live differs: one CreateLicenseVersion pinned to the observed version. */
  | 'update'
  /** The license can't be planned (not found, deleted, read failed); nothing is written. */
  | 'error';

/** One license in a plan. */
export interface PlanStep {
  file: string;
  licenseArn: string;
  action: Action;
  /** The Version observed at read time: the pin apply sends as SourceVersion (also shown for noop). */
  sourceVersion?: string;
  /** RFC 6902 operations turning the normalized live document into the normalized desired one. */
  patch: Operation[];
  /** The manifest content apply will send (without `$schema`). */
  desired: LicenseDocument;
  /** The normalized live document the patch applies to (for rendering old values). */
  observed?: Comparable;
  /** Why the step is an error. */
  error?: LicenseError;
}

export interface PlanSummary {
  update: number;
  noop: number;
  error: number;
}

/** A manifest deleted from git since the base ref: shown in the plan, its live license left alone. */
export interface RemovedManifest {
  file: string;
  /** Read from the manifest as it was at the base ref, when it was readable. */
  licenseArn?: string;
}

export interface Plan {
  steps: PlanStep[];
  summary: PlanSummary;
  /** The commit whose manifests were reconciled; absent outside git. */
  commit?: string;
  /** Manifests deleted from git (with --changed-since); nothing is done to their licenses. */
  removed?: RemovedManifest[];
}

/**
 * One manifest and the read of its LicenseArn. `read` is undefined when the
 * license was not read at all (e.g. its region was unreachable); plan treats
 * that as an error.
 */
export interface Pairing {
  manifest: Manifest;
  read: LiveRead | undefined;
}

/** Options shared by `diff`, `planLicense` and `buildPlan`. */
export interface PlanOptions {
  /**
   * RFC 6901 JSON pointers into the normalized (keyed) form, removed from both
   * sides before comparing, e.g. `/LicenseMetadata/LastAudit`. A segment that is
   * exactly `*` matches any key.
   */
  ignore?: string[];
}
