/** `license-gitops plan`: never writes. Exit 0/2/1 with --detailed-exitcode, as Terraform does. */
import { worst } from '../reconcile/outcome.js';
import { planJson, errorsJson } from '../render/json.js';
import { renderPlan } from '../render/text.js';
import { plan } from '../run/pipeline.js';
import { loadSources, makeService, reportErrors, stdoutPaint, writeJson, type AwsArgs, type Io } from './context.js';

export interface PlanArgs extends AwsArgs {
  detailedExitcode?: boolean;
}

export async function planCommand(args: PlanArgs, io: Io): Promise<number> {
  const set = await loadSources(args);
  const service = await makeService(args, io);
  try {
    const planned = await plan(set, service, { concurrency: args.concurrency, ignore: args.ignore ?? [] });
    if (!planned.ok) {
      reportErrors(io, planned.errors);
      if (args.json) writeJson(io, errorsJson(planned.errors));
      return 1;
    }
    if (args.json) writeJson(io, planJson(planned.plan));
    else io.stdout.write(renderPlan(planned.plan, stdoutPaint(io)));
    return planExitCode(
      planned.plan.steps.map((s) => s.action),
      args.detailedExitcode ?? false,
    );
  } finally {
    service.destroy();
  }
}

/** 1 on any error; with --detailed-exitcode 2 when there are changes; else 0. */
export function planExitCode(actions: Parameters<typeof worst>[0], detailed: boolean): number {
  const severity = worst(actions);
  if (severity >= 2) return 1;
  return detailed && severity === 1 ? 2 : 0;
}
