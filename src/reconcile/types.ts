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
 * What a run will do to one subject (a license, a grant, a set of tags). A closed
 * vocabulary; `outcome.ts` ranks them in the one severity table.
 */
export type Action =
  /** The manifest declares a new license (no ARN) and none this tool created was found: CreateLicense, then the ARN is written back. */
  | 'create'
  /** Live differs: one CreateLicenseVersion pinned to the observed version. */
  | 'update'
  /** Its manifest is gone and `--prune` is on: one DeleteLicense pinned to the observed version. */
  | 'delete'
  /** Live already matches the manifest: no call is made, the version is not bumped. */
  | 'noop'
  /** The subject can't be planned (not found, deleted, read failed, immutable member changed); nothing is written. */
  | 'error';

/** What a step is about: each is one `Kind` of the engine (src/kinds/). */
export type StepKind =
  /** A license: a manifest as a whole. */
  | 'license'
  /** One grant of a license: an entry of its manifest's `Grants` (or a live grant no entry claims). */
  | 'grant'
  /** The user tags of a license or of one of its grants (`Tags` of the manifest or of a grant entry). */
  | 'tags';

/** What every step has, whatever it is about. */
export interface StepBase {
  /** The manifest the step comes from (for a delete: the manifest that was removed, if known). */
  file: string;
  action: Action;
  /** The Version observed at read time: the pin apply sends as SourceVersion (also shown for noop). */
  sourceVersion?: string;
  /** RFC 6902 operations turning the normalized live document into the normalized desired one. */
  patch: Operation[];
  /** The normalized live document the patch applies to (for rendering old values). */
  observed?: Comparable;
  /** Why the step is an error. */
  error?: LicenseError;
  /**
   * The subject exists but its manifest doesn't say so yet (its ARN never reached git):
   * it was found by the marker this tool tags its creations with, and apply writes its
   * ARN back into the manifest.
   */
  adopted?: boolean;
  /** Something the user should know that is not a change, e.g. a status only License Manager sets. */
  note?: string;
  /** With a base (`plan --base`): whether the pull request or drift outside git brought the license here. */
  cause?: Cause;
}

/** Why a license is in a plan made against a base. A closed vocabulary. */
export type Cause =
  /** Its manifest was added or changed since the base: the pull request asks for this. */
  | 'manifest'
  /** Its manifest is unchanged, but the configuration changed since the base in a way that brings this write. */
  | 'config'
  /** Its manifest is unchanged but the live license moved: applying reverts an edit made outside git. */
  | 'drift';

/** A plan that covers only some manifests (--changed-since) says how many of how many. */
export interface PlanScope {
  /** Manifests planned. */
  planned: number;
  /** Valid manifests in the directory. */
  total: number;
}

/** One license in a plan. */
export interface LicenseStep extends StepBase {
  /** Absent in steps saved before subjects had kinds; means 'license'. */
  kind?: 'license';
  /** The license's ARN; '' for a license not created yet. */
  licenseArn: string;
  /**
   * For `update`, the content apply will send: the manifest with the live value at
   * each ignored pointer (see `plannedWrite`). For a delete: what the license was
   * (its name and HomeRegion). Otherwise the manifest (without `$schema`).
   */
  desired: LicenseDocument;
  /** For a delete: how many active grants the license still has (ListDistributedGrants). */
  activeGrants?: number;
  /** For a create: deleted licenses earlier creates of this manifest made, which its token covers. */
  retired?: string[];
  /** For an update or noop: when the live version read (`sourceVersion`) was made (its CreateTime, as an ISO 8601 instant). */
  sourceCreateTime?: string;
}

/**
 * One grant in a plan, under its license: patch paths are `/Grants/<GrantName>/…`
 * and the pin is the grant's own Version.
 */
export interface GrantStep extends StepBase {
  kind: 'grant';
  /** The license the grant distributes; '' while that license is still to be created in this run. */
  licenseArn: string;
  /** The manifest the grant belongs to (the license's name and HomeRegion, where the grant lives). */
  desired: LicenseDocument;
  grant: GrantSubject;
}

/** Which grant a grant step is about. */
export interface GrantSubject {
  /** The entry's GrantName (or, for a grant no entry claims, the live one's). */
  name: string;
  /** The grant's ARN, once it exists. */
  arn?: string;
  /** The manifest's entry: what create and update send. Absent for a grant no entry claims. */
  entry?: GrantEntry;
  /** The entry's index in the manifest's `Grants`, where a new GrantArn is written back. */
  index?: number;
  /** The live grant's status (GrantStatus), when it exists. */
  status?: string;
  /** The live grant is not in the manifest: left alone, or deleted with --prune. */
  removed?: boolean;
  /**
   * For a create: deleted grants of the license with this name and principal (an entry
   * pruned and added again), from the plan's read; the create's token covers them.
   */
  retired?: string[];
}

/**
 * The user tags of one resource, under its license: patch paths are `/Tags/<Key>`
 * or `/Grants/<GrantName>/Tags/<Key>`. Tags have no version to pin: apply reads
 * them again right before it writes, and writes nothing if they moved.
 */
export interface TagStep extends StepBase {
  kind: 'tags';
  licenseArn: string;
  /** The manifest the tags belong to (the license's name and HomeRegion, where they are written). */
  desired: LicenseDocument;
  tags: TagSubject;
}

/** Whose tags a tag step is about, and what apply sets. */
export interface TagSubject {
  /** The tagged resource's ARN (the license's or the grant's). */
  arn: string;
  /** Set for a grant's tags: the grant's name. */
  grant?: string;
  /** The user tags apply leaves on the resource: the manifest's, with the live value at each ignored key. */
  want: Record<string, string>;
}

/** One step of a plan: a license, one of its grants, or the tags of either. */
export type PlanStep = LicenseStep | GrantStep | TagStep;

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  noop: number;
  error: number;
}

/** A manifest deleted from git since the base ref: shown in the plan, its live license left alone. */
export interface RemovedManifest {
  file: string;
  /** Read from the manifest as it was at the base ref, when it was readable. */
  licenseArn?: string;
  /** The removed manifest's HomeRegion (where a prune sends DeleteLicense), when readable. */
  homeRegion?: string;
}

export interface Plan {
  /** The ref causes are measured against (`plan --base`); each step then carries its cause. */
  base?: string;
  /** With a base: the configuration file changed since it, in these settings. */
  configChange?: { file: string; members: string[] };
  /** Present when the plan was narrowed (--changed-since): it does not show every write a full run would make. */
  scope?: PlanScope;
  steps: PlanStep[];
  summary: PlanSummary;
  /** The commit whose manifests were reconciled; absent outside git and for a working tree with uncommitted changes. */
  commit?: string;
  /** The manifests came from a working tree with uncommitted changes, which no commit vouches for. */
  workingTree?: boolean;
  /** Manifests deleted from git (with --changed-since) whose licenses are left alone (no --prune). */
  removed?: RemovedManifest[];
  /** Product templates whose members the plan's writes change, and in how many licenses (`$template`). */
  templates?: TemplateFanOut[];
}

/** One product template's change fanning out: the licenses rendered from it whose writes touch a member it sets. */
export interface TemplateFanOut {
  file: string;
  licenses: number;
}

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
  /** The license's grants (ListDistributedGrants), read when the manifest manages them (`Grants` present). */
  grants?: GrantsRead;
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
