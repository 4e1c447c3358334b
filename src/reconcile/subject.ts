/**
 * What differs by the kind of subject a step is about, one function per
 * concern, so renderers, apply and the write-back walk every step the same
 * way: one table per concern, keyed by the step's kind.
 */
import jsonpatch from 'fast-json-patch';
import type { GrantStep, LicenseStep, PlanStep } from './types.js';

type ByKind<T> = { license: (step: LicenseStep) => T; grant: (step: GrantStep) => T };

function byKind<T>(table: ByKind<T>): (step: PlanStep) => T {
  return (step) => (step.kind === 'grant' ? table.grant(step) : table.license(step));
}

/** The name a step's subject is shown by: the license's name, or `<license>: grant <GrantName>`. */
export const subjectName = byKind({
  license: (step) => step.desired?.LicenseName ?? '',
  grant: (step) => `${step.desired?.LicenseName ?? ''}: grant ${step.grant.name}`,
});

/** The subject's ARN, once it exists. */
export const subjectArn = byKind<string | undefined>({
  license: (step) => (step.licenseArn === '' ? undefined : step.licenseArn),
  grant: (step) => step.grant.arn,
});

/** The JSON pointer in the step's manifest where the subject's ARN is recorded. */
export const arnPointer = byKind({
  license: () => '/LicenseArn',
  grant: (step) => `/Grants/${step.grant.index ?? -1}/GrantArn`,
});

/** The region the subject is read and written in: a grant lives in its license's HomeRegion. */
export function subjectRegion(step: PlanStep): string {
  return step.desired.HomeRegion;
}

/** How a step is labelled in outcome lines: the file, and for a grant its name. */
export const stepLabel = byKind({
  license: (step) => step.file,
  grant: (step) => `${step.file} grant ${step.grant.name || '(all)'}`,
});

/** The pointer's last segment, unescaped: `LicenseArn`, `GrantArn`. */
export function pointerName(pointer: string): string {
  const segments = pointer.split('/');
  return jsonpatch.unescapePathComponent(segments[segments.length - 1] ?? '');
}
