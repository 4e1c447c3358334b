/**
 * `license-gitops show PLANFILE [--json]`: prints a saved plan the way `plan`
 * does, without any call. It shows what the file claims; `apply PLANFILE`
 * checks that claim against git and the live licenses before sending anything.
 */
import { planJson } from '../render/json.js';
import { renderPlan } from '../render/text.js';
import { readSavedPlanFile } from '../run/saved-plan.js';
import { fail, printReport, type CommonArgs, type Io } from './context.js';

type ShowArgs = Pick<CommonArgs, 'json'> & { planFile: string };

export async function showCommand(args: ShowArgs, io: Io): Promise<number> {
  const read = readSavedPlanFile(args.planFile);
  if (!read.ok) return fail(io, args, read.errors);
  printReport(io, args, planJson(read.saved.plan), (paint) => renderPlan(read.saved.plan, paint));
  return 0;
}
