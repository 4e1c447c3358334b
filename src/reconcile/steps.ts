/**
 * What a plan is made of: steps (one per subject: a license, a grant, a set of
 * tags), their actions and causes, and the plan around them. Plain data.
 */
import type { Operation } from 'fast-json-patch';
import type { LicenseError } from './errors.js';
import type { Comparable, GrantEntry, LicenseDocument } from './types.js';
import type { ExpiryReport } from './expiry.js';

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
  /** The license's (a grant's or tags' own license's) ARN; '' while that license is still to be created in this run. */
  licenseArn: string;
  /**
   * The manifest (without `$schema`), whose name and HomeRegion a grant or tags live under. For a
   * license `update`: the content apply will send, the manifest with the live value at each ignored
   * pointer (see `plannedWrite`); for a license delete: what the license was (its name and HomeRegion).
   */
  desired: LicenseDocument;
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
  /** The step could cut off a customer in use and is planned only because allowBelowUsage allows it. */
  allowedInUse?: boolean;
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
  /** For a delete: how many active grants the license still has (ListDistributedGrants). */
  activeGrants?: number;
  /** For a create: deleted licenses earlier creates of this manifest made, which its token covers. */
  retired?: string[];
  /** For an update or noop: when the live version read (`sourceVersion`) was made (its CreateTime, as an ISO 8601 instant). */
  sourceCreateTime?: string;
  /** For an update that changes MaxCounts: each changed entitlement's consumed value (GetLicenseUsage). */
  usage?: EntitlementUsage[];
}

/** One changed entitlement beside what the customer has checked out of it (reconcile/usage.ts). */
export interface EntitlementUsage {
  entitlement: string;
  /** ConsumedValue, as GetLicenseUsage reported it. */
  consumed: number;
  /** The MaxCount apply sends; absent: no limit (or the entitlement is removed). */
  maxCount?: number;
  /** The update removes the entitlement. */
  removed?: boolean;
}

/**
 * One grant in a plan, under its license: patch paths are `/Grants/<GrantName>/…`
 * and the pin is the grant's own Version.
 */
export interface GrantStep extends StepBase {
  kind: 'grant';
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

/** The step's kind; a step saved without one is a license's. */
export function kindName(step: PlanStep): StepKind {
  return step.kind ?? 'license';
}

export function isLicenseStep(step: PlanStep): step is LicenseStep {
  return kindName(step) === 'license';
}

/** How many steps of a plan have each action. */
export type PlanSummary = Record<Action, number>;

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
  /** The product templates the planned licenses are rendered from, each by its blob: a saved plan records them. */
  templateBlobs?: TemplateBlob[];
  /** What the user should know about the plan as a whole, e.g. that usage could not be read. */
  notes?: string[];
  /** Licenses ending within the expiry warning (expiry.ts), when the run asked for it. */
  expiry?: ExpiryReport;
}

/** A product template as a plan used it: its file (as steps name files) and the git blob of its text. */
export interface TemplateBlob {
  file: string;
  blob: string;
}

/** One product template's change fanning out: the licenses rendered from it whose writes touch a member it sets. */
export interface TemplateFanOut {
  file: string;
  licenses: number;
}
