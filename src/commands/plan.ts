/** `license-gitops plan`: never writes to License Manager. Exit 0/2/1 with --detailed-exitcode, as Terraform does. */
import { writeFile } from 'node:fs/promises';
import { worst } from '../reconcile/outcome.js';
import type { Plan } from '../reconcile/types.js';
import { planJson, errorsJson } from '../render/json.js';
import { renderPlan } from '../render/text.js';
import { plan } from '../run/pipeline.js';
import {
  loadSources,
  log,
  makeService,
  noteDirty,
  reportErrors,
  progressFor,
  runOptions,
  stdoutPaint,
  writeJson,
  type AwsArgs,
  type Io,
} from './context.js';
import { lifecycleOptions, type LifecycleArgs } from './lifecycle-options.js';

export interface PlanArgs extends AwsArgs, LifecycleArgs {
  detailedExitcode?: boolean;
  /** Save the plan for `apply FILE`. */
  out?: string;
}

export async function planCommand(args: PlanArgs, io: Io): Promise<number> {
  const [set, service] = await Promise.all([loadSources(args), makeService(args, io)]);
  noteDirty(io, set, 'planning');
  try {
    const progress = progressFor(io);
    const planned = await plan(set, service, {
      ...runOptions(args),
      ...(await lifecycleOptions(args, service)),
      onProgress: progress.update,
    });
    progress.end();
    if (!planned.ok) {
      reportErrors(io, planned.errors);
      if (args.json) writeJson(io, errorsJson(planned.errors));
      return 1;
    }
    if (args.out) await save(planned.plan, args.out, io);
    if (args.json) writeJson(io, planJson(planned.plan));
    else io.stdout.write(renderPlan(planned.plan, stdoutPaint(io)));
    return planExitCode(planned.plan, args.detailedExitcode ?? false);
  } finally {
    service.destroy();
  }
}

async function save(saved: Plan, file: string, io: Io): Promise<void> {
  await writeFile(file, `${JSON.stringify(planJson(saved, { saved: true }), null, 2)}\n`);
  log(io, `Saved the plan to ${file}; apply exactly it with: license-gitops apply ${file}`);
}

/** 1 on any error; with --detailed-exitcode 2 when there are changes (an ARN to record is one); else 0. */
export function planExitCode(result: Plan, detailed: boolean): number {
  const severity = Math.max(worst(result.steps.map((s) => s.action)), result.steps.some((s) => s.adopted) ? 1 : 0);
  if (severity >= 2) return 1;
  return detailed && severity === 1 ? 2 : 0;
}
