/**
 * Writing a subject's new ARN back into its manifest (after a create, or for a
 * subject adopted because its ARN never reached git), at the place its kind
 * names. A failure to write is reported on the result, never thrown.
 */
import type { ApplyResult } from '../reconcile/outcome.js';
import type { PlanStep } from '../reconcile/types.js';
import { writeBack } from '../manifests/write-back.js';

/** Where a kind records ARNs: the pointer for a step, and whether a new member goes first or last. */
export interface ArnPlace<S extends PlanStep> {
  arnPointer(step: S, arn: string): string | undefined;
  readonly arnPlacement: 'first' | 'last';
}

/** `result` with `arn` written into the step's manifest (`recorded`), or the write-back's error. */
export async function recordArn<S extends PlanStep>(
  kind: ArnPlace<S>,
  step: S,
  result: ApplyResult,
  arn: string,
): Promise<ApplyResult> {
  const pointer = kind.arnPointer(step, arn);
  if (pointer === undefined) return result;
  const failed = await writeBack(step.file, pointer, arn, kind.arnPlacement);
  if (failed) return { ...result, error: { ...failed, licenseArn: result.step.licenseArn || undefined } };
  return { ...result, recorded: { arn, file: step.file, pointer } };
}
