/** `license-gitops plan`: never writes to License Manager. Exit 0/2/1 with --detailed-exitcode, as Terraform does. */
import { writeFile } from 'node:fs/promises';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { worst } from '../reconcile/outcome.js';
import type { Plan } from '../reconcile/types.js';
import { planJson } from '../render/json.js';
import { fromTop, renamedError, renamedPlan } from '../render/repo-paths.js';
import { renderPlan } from '../render/text.js';
import { plan } from '../run/pipeline.js';
import { fail, log, noteDirty, printReport, progressFor, reportErrors, type AwsArgs, type Io } from './context.js';
import { loadSources } from './load-sources.js';
import { assemble } from './service.js';
import { windowFor, type ExpiryArgs } from './expiry.js';
import { expiringFailure } from '../render/expiry.js';
import { jsonText, shellWord } from '../render/escape.js';
import { toPosix } from '../paths.js';
import { DEFAULT_DIR } from './settings.js';

export interface PlanArgs extends AwsArgs, ExpiryArgs {
  detailedExitcode?: boolean;
  /** Save the plan for `apply FILE`. */
  out?: string;
}

export async function planCommand(args: PlanArgs, io: Io): Promise<number> {
  const expiry = windowFor(args, io);
  if (!expiry) return 1;
  const progress = progressFor(io);
  const [set, { service, options }] = await Promise.all([
    loadSources(args),
    assemble(args, io, { onProgress: progress.update }),
  ]);
  // Printed paths are from the repository's top level, wherever in it plan runs; a saved plan keeps the run's own.
  const rename = set.top ? fromTop(set.top) : (file: string) => file;
  noteDirty(io, { ...set, dirty: set.dirty.map(rename) }, 'planning');
  try {
    const planned = await plan(set, service, { ...options, expiry });
    progress.end();
    if (!planned.ok) {
      const errors = planned.errors.map((e) => renamedError(e, rename));
      return fail(io, args, errors);
    }
    const shown = renamedPlan(planned.plan, rename);
    printReport(io, args, planJson(shown), (paint) => renderPlan(shown, paint));
    const unsaved = args.out ? await save(planned.plan, args.out, args, io) : undefined;
    if (unsaved) {
      reportErrors(io, [unsaved]);
      return 1;
    }
    const ending = planned.plan.expiry;
    if (args.failOnExpiring && ending && ending.licenses.length > 0) {
      log(io, expiringFailure(ending));
      return 1;
    }
    return planExitCode(planned.plan, args.detailedExitcode ?? false);
  } finally {
    service.destroy();
  }
}

/**
 * Saves the plan for `apply FILE`, or says why not: a plan of a working tree
 * with uncommitted changes (manifests or configuration) names no commit apply
 * could check it against. It records the ignore rules and the configuration
 * file's blob it was made with; apply refuses it under any other.
 */
async function save(saved: Plan, file: string, args: PlanArgs, io: Io): Promise<LicenseError | undefined> {
  const unvouched = (what: string) =>
    licenseError(
      'DIRTY_TREE',
      `the plan was not saved to ${file}: ${what}, which no commit vouches for, so apply could not check it. Commit it and plan again`,
    );
  if (saved.workingTree) return unvouched('it is of a working tree with uncommitted changes');
  const origin = args.configOrigin;
  if (saved.commit && origin && !origin.vouched)
    return unvouched(
      `the configuration ${origin.uncommitted?.file ?? ''} ${origin.uncommitted?.clause ?? 'is not committed'}`,
    );
  const config = origin?.path && origin.blob ? { file: origin.path, blob: origin.blob } : null;
  try {
    const json = planJson(saved, { saved: true, ignore: args.ignore ?? [], config, dir: toPosix(args.dir) });
    await writeFile(file, `${jsonText(json)}\n`);
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error';
    return licenseError(
      'USAGE',
      `the plan could not be saved to ${file} (${code}); check that its folder exists and is writable`,
    );
  }
  log(
    io,
    `Saved the plan to ${file}; apply exactly it with: license-gitops apply ${shellWord(file.startsWith('-') ? `./${file}` : file)}${args.dir === DEFAULT_DIR ? '' : ` --dir ${shellWord(args.dir)}`}`,
  );
  return undefined;
}

/** 1 on any error; with --detailed-exitcode 2 when there are changes (an ARN to record is one); else 0. */
function planExitCode(result: Plan, detailed: boolean): number {
  const severity = Math.max(worst(result.steps.map((s) => s.action)), result.steps.some((s) => s.adopted) ? 1 : 0);
  if (severity >= 2) return 1;
  return detailed && severity === 1 ? 2 : 0;
}
