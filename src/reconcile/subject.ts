/**
 * What differs by the kind of subject a step is about, one function per
 * concern, so renderers, apply and the write-back walk every step the same
 * way. Issue 11 adds the grant's case to each.
 */
import type { PlanStep } from './types.js';

/** The name a step's subject is shown by. */
export function subjectName(step: PlanStep): string {
  return step.desired?.LicenseName ?? '';
}

/** The subject's ARN, once it exists. */
export function subjectArn(step: PlanStep): string | undefined {
  return step.licenseArn === '' ? undefined : step.licenseArn;
}

/** The JSON pointer in the step's manifest where the subject's ARN is recorded. */
export function arnPointer(_step: PlanStep): string {
  return '/LicenseArn';
}

/** The region the subject is read and written in. */
export function subjectRegion(step: PlanStep): string {
  return step.desired.HomeRegion;
}
