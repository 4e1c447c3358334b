/**
 * `license-gitops apply [PLANFILE]`: non-interactive. Applies this run's plan
 * (or exactly a saved one) with pinned versions and prints one outcome line per
 * license. Exit 0 only when every license converged; 130/143 on SIGINT/SIGTERM.
 */
import path from 'node:path';
import { licenseError } from '../reconcile/errors.js';
import { worst, type ApplyResult } from '../reconcile/outcome.js';
import { pointerName } from '../kinds/index.js';
import type { LicenseService } from '../reconcile/ports.js';
import { applyJson } from '../render/json.js';
import { fromTop, renamedError, renamedPlan, renamedResults } from '../render/repo-paths.js';
import { renderApply, renderPlan } from '../render/text.js';
import { applyPlanned, plan, type Applied, type RunOptions } from '../run/pipeline.js';
import { readSavedPlanFile } from '../run/saved-plan.js';
import type { ConfigOrigin } from '../run/config-source.js';
import type { SavedConfig } from '../reconcile/plan-file.js';
import { verifySavedPlan } from '../run/verify-plan.js';
import { commitOf, dirtyTreeError, loadManifestSet } from '../run/sources.js';
import { fail, log, noteDirty, progressFor, stdoutPaint, writeJson, type AwsArgs, type Io } from './context.js';
import { loadSources } from './load-sources.js';
import { assemble } from './service.js';
import { onTermination } from './signals.js';
import { escapeText, shellWord } from '../render/escape.js';

export interface ApplyArgs extends AwsArgs {
  /** A plan saved by `plan --out`. */
  planFile?: string;
  allowDirty?: boolean;
}

export async function applyCommand(args: ApplyArgs, io: Io): Promise<number> {
  const termination = onTermination((signal) =>
    log(io, `${signal} received: no new calls will start; waiting for calls in flight…`),
  );
  const progress = progressFor(io);
  const { service, options } = await assemble(args, io, { signal: termination.signal, onProgress: progress.update });
  try {
    const applied = args.planFile
      ? await applySaved(args, service, options)
      : await applyCommitted(args, io, service, options);
    progress.end();
    // Printed paths are from the repository's top level, as plan's; the commit hint's are commands for here.
    const rename = applied.top ? fromTop(applied.top) : (file: string) => file;
    if (!applied.ok) {
      const errors = applied.errors.map((e) => renamedError(e, rename));
      const code = fail(io, args, errors);
      return termination.exitCode ?? code;
    }
    const paint = stdoutPaint(io);
    const [shown, results] = [renamedPlan(applied.plan, rename), renamedResults(applied.results, rename)];
    if (args.json) writeJson(io, applyJson(shown, results, applied.summary));
    else io.stdout.write(`${renderPlan(shown, paint)}\n${renderApply(results, applied.summary, paint)}`);
    for (const line of commitHint(applied.results)) log(io, line);
    if (termination.exitCode !== undefined) return termination.exitCode;
    const converged = worst(applied.results.map((r) => r.outcome)) === 0 && applied.results.every((r) => !r.error);
    return converged ? 0 : 1;
  } finally {
    termination.dispose();
    service.destroy();
  }
}

/** What apply did (or why it did nothing), and the repository's top level its manifests were read from (paths are printed from it). */
type Shown = Applied & { top?: string };

/**
 * Reconciles what is committed, read through git; a dirty manifest directory,
 * or one outside git, is refused unless --allow-dirty (which applies the working tree).
 */
async function applyCommitted(args: ApplyArgs, io: Io, service: LicenseService, options: RunOptions): Promise<Shown> {
  const set = await loadSources(args, !args.allowDirty);
  const dirty = args.allowDirty
    ? undefined
    : dirtyTreeError(
        set,
        args.dir,
        'Commit or stash them, or pass --allow-dirty to apply the working tree as it is.',
        'Commit the manifests in a git repository, or pass --allow-dirty to apply the files as they are.',
      );
  if (dirty) return { ok: false, errors: [dirty], top: set.top };
  noteDirty(io, set, 'applying');
  if (!set.inGit && set.errors.length === 0)
    log(io, `note: ${escapeText(args.dir)} is not in a git repository; applying the files as they are`);
  const planned = await plan(set, service, options);
  return { ...(planned.ok ? await applyPlanned(planned.plan, service, options) : planned), top: set.top };
}

/**
 * Applies a saved plan only after checking it (`run/verify-plan.ts`) against
 * the manifests at the commit it names, which must be HEAD (or --ref), and
 * against the live versions it was pinned to. A plan of a working tree or made
 * outside git has no commit to check against: only --allow-dirty applies it,
 * checked against the working tree.
 */
async function applySaved(args: ApplyArgs, service: LicenseService, options: RunOptions): Promise<Shown> {
  const file = args.planFile!;
  const read = readSavedPlanFile(file);
  if (!read.ok) return read;
  const { saved } = read;
  const claimed = saved.plan.commit;
  const refuse = (message: string): Applied => ({ ok: false, errors: [licenseError('STALE_PLAN', message, { file })] });
  if (saved.dir !== undefined && path.resolve(saved.dir) !== path.resolve(args.dir))
    return refuse(
      `was made over the manifests in ${saved.dir}, and is checked and applied only over the same; run: license-gitops apply ${shellWord(file)} --dir ${shellWord(saved.dir)}`,
    );
  if (!claimed) {
    const made = saved.plan.workingTree ? 'a working tree with uncommitted changes' : 'manifests outside git';
    if (!args.allowDirty)
      return refuse(
        `was made from ${made}, which no commit vouches for; commit the manifests and plan again (or pass --allow-dirty to check it against the working tree)`,
      );
  } else {
    const commit = await commitOf(args.ref, path.resolve(args.dir));
    if (claimed !== commit.commit) {
      const now = commit.commit ? `${args.ref ?? 'HEAD'} is ${commit.commit}` : 'this is not a git checkout';
      return refuse(`was made from commit ${claimed}, but ${now}; run plan again (or pass --ref ${claimed})`);
    }
  }
  const config = configMismatch(saved.config, args.configOrigin, claimed);
  if (config) return refuse(config);
  const set = claimed
    ? await loadManifestSet({ dir: args.dir, ref: claimed, folderMayBeGone: true })
    : await loadSources(args);
  const verified = await verifySavedPlan(saved, file, set, service, options);
  return { ...(verified.ok ? await applyPlanned(verified.plan, service, options) : verified), top: set.top };
}

/**
 * Why the configuration this apply obeys is not the one the plan was made with
 * (prune, ignore rules and maxChanges decide what it does), or undefined when it
 * is. A plan of a commit is applied only with that commit's configuration.
 */
function configMismatch(saved: SavedConfig | null, now: ConfigOrigin | undefined, commit?: string): string | undefined {
  if (commit && now?.uncommitted)
    return `was made from commit ${commit}, and is applied only with its configuration, but ${now.uncommitted.file} ${now.uncommitted.clause}; commit or restore it`;
  const same = saved === null ? !now?.blob : saved.file === now?.path && saved.blob === now.blob;
  if (same) return undefined;
  const planned = saved ? `${saved.file} at blob ${saved.blob}` : 'no configuration file';
  const current = now?.blob ? `${now.path} at blob ${now.blob}` : 'none';
  return `was made with ${planned}, but this apply's configuration is ${current}; the settings that decide what apply does (prune, ignore rules, maxChanges) may differ, so run plan again`;
}

/**
 * After apply wrote new ARNs into manifests: the one command that commits them (the CLI never commits),
 * as lines, each to be printed (and escaped) on its own: a file name can't start a line.
 */
function commitHint(results: readonly ApplyResult[]): string[] {
  const files = [...new Set(results.flatMap((r) => (r.recorded ? [r.recorded.file] : [])))];
  if (files.length === 0) return [];
  const quoted = files.map(shellWord).join(' ');
  const what = files.length === 1 ? 'its manifest' : 'their manifests';
  const members = [...new Set(results.flatMap((r) => (r.recorded ? [pointerName(r.recorded.pointer)] : [])))].sort();
  const names = members.join(' and ');
  const subjects = members.map((m) => (m === 'GrantArn' ? 'grants' : 'licenses')).join(' and ');
  return [
    `Wrote the new ${names} into ${what}; record it in git with:`,
    `  git commit -m "Record ${names} of new ${subjects}" -- ${quoted}`,
  ];
}
