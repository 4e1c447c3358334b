/**
 * The whole pipeline in one place:
 * load → validate → read live → pair → normalize/diff/plan → apply → report.
 * Plan and apply share one path: apply runs exactly the plan that `plan` builds.
 */
import type { ConfigChange } from '../config/change.js';
import type { ErrorCode, LicenseError } from '../reconcile/errors.js';
import { NO_CLAIMS, treeClaims } from './manifest-tree.js';
import { summarizeOutcomes, type ApplyResult, type ApplySummary } from '../reconcile/outcome.js';
import { checkIgnore } from '../reconcile/diff.js';
import { templateFanOut, withTemplateUsers } from '../reconcile/template-fan-out.js';
import { pair } from '../reconcile/pair.js';
import { attributeCauses } from '../reconcile/cause.js';
import { buildPlan, summarize } from '../reconcile/plan.js';
import { present } from '../reconcile/json-values.js';
import { KINDS } from '../kinds/index.js';
import type { PlanContext } from '../kinds/kind.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { Manifest, Pairing, Plan, PlanStep, RemovedManifest, Retirement } from '../reconcile/types.js';
import type { ManifestSource } from '../manifests/source.js';
import { applyPlan, type ApplyOptions } from './apply.js';
import { readLive, type ReadOptions } from './read-live.js';
import { validate } from './validate.js';
import { CreatedLicenses, findCreated, withRetired } from './adopt.js';
import { findRetirements } from './prune.js';
import { checkUsage } from './usage.js';
import { templateBlobs } from './template-blobs.js';
import { expiryReport, type ExpiryWindow } from '../reconcile/expiry.js';
import { isLicenseStep } from '../reconcile/steps.js';

export interface SourceSet {
  sources: ManifestSource[];
  errors: LicenseError[];
  /** Limit the plan to these files (all files are still validated). */
  only?: ReadonlySet<string>;
  /** Manifests added or changed since `base` (plan --base): the plan is not narrowed, each license gets a cause. */
  changed?: ReadonlySet<string>;
  /** The ref `changed` is measured against, as the user gave it. */
  base?: string;
  /** How the configuration changed since `base`: the steps it brings are the pull request's too. */
  configChange?: ConfigChange;
  /** Manifests deleted from git: shown in the plan, their licenses left alone. */
  removed?: RemovedManifest[];
  /** The commit the sources come from (sources.ts: --ref, else HEAD; absent outside git or before the first commit). */
  commit?: string;
  /** The sources are a working tree with uncommitted changes (no commit vouches for them). */
  workingTree?: boolean;
}

export interface RunOptions extends ReadOptions, ApplyOptions {
  /** RFC 6901 pointers (normalized form) left as they are live: apply sends the live value there. */
  ignore?: string[];
  /** More ignore pointers for one manifest (per-file rules of the config file). */
  ignoreFor?: (file: string) => readonly string[];
  /** Retire licenses whose manifest is gone (--prune; the config's and the Action's `prune`). Off by default. */
  prune?: boolean;
  /** With prune: delete licenses that still have active grants too (--force-delete-granted). */
  forceDeleteGranted?: boolean;
  /**
   * A run over a folder of the tree (posix, from the tree): what the tree's other manifests declare
   * is never adopted nor retired, and prune retires only licenses created from manifests in the folder.
   */
  folder?: string;
  /** Make changes that could cut off a customer in use (--allow-in-use; the config's `allowBelowUsage`). */
  allowInUse?: boolean;
  /** Report the licenses ending within this window (plan's expiry warning); none when absent. */
  expiry?: ExpiryWindow;
  /** Regions to look in for licenses the tool created whose manifest is gone, besides those manifests name. */
  regions?: string[];
}

export type Planned = { ok: true; plan: Plan } | { ok: false; errors: LicenseError[] };
export type Applied =
  { ok: true; plan: Plan; results: ApplyResult[]; summary: ApplySummary } | { ok: false; errors: LicenseError[] };

export async function plan(set: SourceSet, service: LicenseService, options: RunOptions): Promise<Planned> {
  const badIgnore = checkIgnore(options.ignore ?? []);
  if (badIgnore.length > 0) return { ok: false, errors: badIgnore };
  const validated = validate(set);
  if (!validated.ok) return validated;
  const all = validated.manifests;
  // A template's change is a change of every manifest rendered from it.
  const only = set.only ? withTemplateUsers(set.only, all) : undefined;
  const changed = set.changed ? withTemplateUsers(set.changed, all) : undefined;
  const inScope = only ? all.filter((m) => only.has(m.file)) : all;
  const tree = options.folder ? await treeClaims(options.manifestDir ?? '.') : NO_CLAIMS;
  if ('errors' in tree) return { ok: false, errors: tree.errors };
  const created = new CreatedLicenses(service, new Set([...declaredArns(all), ...tree.arns]), options.concurrency);
  const [reads, found] = await Promise.all([
    readLive(inScope, service, options),
    findCreated(
      inScope.filter((m) => !m.document.LicenseArn),
      all,
      created,
      options.manifestDir,
      tree.keys,
    ),
  ]);
  const stopped = runWideError([...reads.values()].flatMap((read) => (read.ok ? [] : [read.error])));
  if (stopped) return { ok: false, errors: [stopped] };
  const pairings = pair(inScope, reads, found);
  const removed = stillRemoved(set.removed ?? [], all);
  const retiring = options.prune ? await retirements(set, removed, all, pairings, tree.arns, service, options) : [];
  const planOptions = {
    ignore: options.ignore ?? [],
    ignoreFor: options.ignoreFor,
    forceDeleteGranted: options.forceDeleteGranted ?? false,
    prune: options.prune ?? false,
  };
  const licenses = buildPlan(pairings, planOptions, retiring);
  const withTokens = { ...licenses, steps: await withRetired(licenses.steps, created, options.manifestDir) };
  const context = { ...planOptions, concurrency: options.concurrency, signal: options.signal };
  const kinds = await planKinds(withTokens, service, context);
  const allowance = {
    all: options.allowInUse ?? false,
    files: new Set(all.flatMap((m) => (m.allowBelowUsage ? [m.file] : []))),
  };
  const built = await checkUsage(kinds, service, allowance, options.concurrency);
  const fanOut = templateFanOut(built.steps, inScope, validated.templates);
  const blobs = templateBlobs(inScope, set.sources, set.commit);
  const leftAlone = options.prune ? removed.filter((r) => !r.licenseArn) : removed;
  return {
    ok: true,
    plan: {
      ...built,
      ...(changed ? { steps: attributeCauses(built.steps, changed, set.configChange), base: set.base ?? '' } : {}),
      ...present({
        configChange:
          changed && set.configChange ? { file: set.configChange.file, members: set.configChange.members } : undefined,
        scope: set.only ? { planned: inScope.length, total: validated.manifests.length } : undefined,
        commit: set.commit || undefined, // an empty commit is left out
        workingTree: set.workingTree,
        removed: leftAlone,
        templates: fanOut,
        templateBlobs: blobs,
        expiry: options.expiry ? expiryReport(inScope, options.expiry, liveBeneficiary(pairings)) : undefined,
      }),
    },
  };
}

/**
 * The steps of the kinds planned from the license steps (grants) and from both (tags): each
 * placed after its license's block, so output keeps a license's steps together.
 */
async function planKinds(built: Plan, service: LicenseService, context: PlanContext): Promise<Plan> {
  let steps = built.steps;
  for (const kind of KINDS) {
    if (!kind.plan) continue;
    const more = await kind.plan(steps, service, context);
    if (more.length === 0) continue;
    const byFile = new Map<string, PlanStep[]>();
    for (const step of more) byFile.set(step.file, [...(byFile.get(step.file) ?? []), step]);
    // After the last step of the file's manifest: a retirement may carry the file's name too (a
    // license created for it that it no longer declares), and has no steps of other kinds.
    const last = new Map<string, number>();
    steps.forEach((step, i) => {
      if (!isLicenseStep(step) || step.action !== 'delete') last.set(step.file, i);
    });
    steps = steps.flatMap((step, i) => (last.get(step.file) === i ? [step, ...(byFile.get(step.file) ?? [])] : [step]));
  }
  return { ...built, steps, summary: summarize(steps) };
}

/** With prune: licenses whose manifest was removed, and in a full run the marked ones no manifest keeps. */
function retirements(
  set: SourceSet,
  removed: RemovedManifest[],
  all: Manifest[],
  pairings: Pairing[],
  elsewhere: readonly string[],
  service: LicenseService,
  options: RunOptions,
): Promise<Retirement[]> {
  const adopted = pairings.flatMap((p) =>
    p.adopted && p.read?.ok && p.read.license.LicenseArn ? [p.read.license.LicenseArn] : [],
  );
  const regions = new Set([...all.map((m) => m.document.HomeRegion), ...(options.regions ?? [])]);
  return findRetirements(
    {
      removed,
      full: set.only === undefined,
      regions: [...regions],
      kept: new Set([...declaredArns(all), ...adopted, ...elsewhere]),
      manifestDir: options.manifestDir,
      folder: options.folder,
      concurrency: options.concurrency,
    },
    service,
  );
}

/** The live license's Beneficiary, for a manifest that leaves it out (it is fixed at creation). */
function liveBeneficiary(pairings: readonly Pairing[]): (manifest: Manifest) => string | undefined {
  const byFile = new Map(
    pairings.flatMap((p) =>
      p.read?.ok && typeof p.read.license.Beneficiary === 'string'
        ? [[p.manifest.file, p.read.license.Beneficiary]]
        : [],
    ),
  );
  return (manifest) => byFile.get(manifest.file);
}

function declaredArns(manifests: readonly Manifest[]): Set<string> {
  return new Set(manifests.flatMap((m) => (m.document.LicenseArn ? [m.document.LicenseArn] : [])));
}

/** Fails closed: an invalid manifest anywhere means no call at all. */
export async function apply(set: SourceSet, service: LicenseService, options: RunOptions): Promise<Applied> {
  const planned = await plan(set, service, options);
  if (!planned.ok) return planned;
  return applyPlanned(planned.plan, service, options);
}

/** Applies a plan already built (this run's, or a saved one). */
export async function applyPlanned(plan: Plan, service: LicenseService, options: RunOptions): Promise<Applied> {
  const results = await applyPlan(plan, service, options);
  const wroteNothing = results.every((r) => !['created', 'updated', 'deleted'].includes(r.outcome));
  const stopped = wroteNothing ? runWideError(results.flatMap((r) => (r.error ? [r.error] : []))) : undefined;
  if (stopped) return { ok: false, errors: [stopped] };
  return { ok: true, plan, results, summary: summarizeOutcomes(results) };
}

/**
 * Errors that concern the run, not one license (no AWS credentials at all):
 * reported once, without a license, instead of once per license.
 */
const RUN_WIDE: readonly ErrorCode[] = ['NO_CREDENTIALS'];

/** The first run-wide error among `errors`, stripped of the license it happened to be found on. */
function runWideError(errors: readonly LicenseError[]): LicenseError | undefined {
  const found = errors.find((error) => RUN_WIDE.includes(error.code));
  if (!found) return undefined;
  const { file: _file, licenseArn: _arn, line: _line, column: _column, ...rest } = found;
  return rest;
}

/** A deleted file whose license another manifest still declares was moved, not removed. */
function stillRemoved(removed: RemovedManifest[], manifests: Manifest[]): RemovedManifest[] {
  const declared = declaredArns(manifests);
  return removed.filter((r) => !r.licenseArn || !declared.has(r.licenseArn));
}
