/**
 * What differs by resource, in one interface: each resource the engine
 * reconciles (a license, a grant, a resource's tags) implements it in one file
 * of this folder, and the engine (plan: src/run/pipeline.ts, apply:
 * src/run/apply.ts, output: src/render/) walks every step through it, never
 * through an `if` on the step's kind.
 */
import { licenseError, type Failure } from '../reconcile/errors.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { PlanOptions, PlanStep, StepKind } from '../reconcile/types.js';
import { writeBack } from '../manifests/write-back.js';

/** What a kind's writes get from the engine. */
export interface ApplyContext {
  service: LicenseService;
  /** The manifest directory, which names manifests in the marker tags of created licenses. */
  manifestDir?: string;
  /** The commit whose manifests are applied; absent for a working tree no commit vouches for. */
  commit?: string;
  /** Once aborted no new call starts. */
  signal?: AbortSignal;
  /** The outcome of the step this one waits for (a grant of a license created in this run: the license's). */
  parent?: ApplyResult;
}

export interface Kind<S extends PlanStep = PlanStep> {
  readonly name: StepKind;
  /** How counts name its steps: singular, plural. */
  readonly noun: readonly [string, string];
  /** The part of its manifest a step is about (`grant acme-prod`, `tags`); '' for the license itself. */
  part(step: S): string;
  /** Which of its manifest's steps this is, the same in every plan of the manifest (a saved plan's step is found by it). */
  key(step: S): string;
  /** What a write of the step sends, as a saved plan's step and a new plan's are compared. */
  content(step: S): unknown;
  /** The subject's ARN, once it exists. */
  arn(step: S): string | undefined;
  /** The JSON pointer in the manifest where the subject's ARN is written back (recordArn); none for a kind without an ARN. */
  arnPointer(step: S): string | undefined;
  /** Where a new ARN member goes in its object: first (LicenseArn) or last (GrantArn). */
  readonly arnPlacement: 'first' | 'last';
  /** Why a subject found by what it is, not by an ARN in git, is adopted (`its GrantArn never reached git`). */
  readonly adopts?: string;
  /** What a create step does, in words, for a kind that creates. */
  creates?(step: S): string;
  /** What a delete step does, in words, for a kind that deletes. */
  deletes?(step: S): string;
  /** The step in the JSON plan and report; `saved`: with what applying a saved plan needs. */
  json(step: S, saved: boolean): object;
  /** The member of its license's JSON entry its steps are listed under (`grants`); none for a license. */
  readonly jsonMember?: string;
  /** What its steps of the manifests planned so far (license and grant steps) need read, then their steps. */
  plan?(planned: readonly PlanStep[], service: LicenseService, options: PlanContext): Promise<S[]>;
  /** Applies one step: send, and on failure decide by reading again; never throws. */
  apply(step: S, context: ApplyContext): Promise<ApplyResult>;
  /** Whether `step` waits for the step of its license (created in the same run) before it is applied. */
  waitsForLicense(step: S): boolean;
  /** What guards a write of it, in words (`pinned to version 3`). */
  pin(step: S): string;
  /** What an `updated` outcome says after the label (`version 3 → 4`). */
  updated(result: ApplyResult): string;
}

/** How a kind whose writes carry a SourceVersion words its pin and its update (licenses, grants). */
export const VERSIONED: Pick<Kind<PlanStep & { sourceVersion?: string }>, 'pin' | 'updated'> = {
  pin: (step) => `pinned to version ${step.sourceVersion ?? ''}`,
  updated: (result) => `version ${result.step.sourceVersion ?? ''} → ${result.newVersion ?? ''}`,
};

export interface PlanContext extends PlanOptions {
  concurrency: number;
  signal?: AbortSignal;
}

/** The outcome of a step planned as an error: skipped when the run was interrupted before it could be read, else failed. */
export function plannedError(step: PlanStep): ApplyResult {
  if (step.error?.code === 'INTERRUPTED') return { step, outcome: 'skipped', error: step.error };
  return { step, outcome: 'failed', ...(step.error ? { error: step.error } : {}) };
}

/** A read not made because the run was interrupted (the step it was for says what could not be read). */
export function interrupted(): Failure {
  return { ok: false, error: licenseError('INTERRUPTED', 'the run was interrupted first') };
}

/**
 * `result` with `arn` written into the step's manifest at the place its kind
 * names (`recorded`): after a create, or for a subject adopted because its ARN
 * never reached git. A failure to write is reported on the result, never thrown.
 */
export async function recordArn<S extends PlanStep>(
  kind: Pick<Kind<S>, 'arnPointer' | 'arnPlacement'>,
  step: S,
  result: ApplyResult,
  arn: string,
): Promise<ApplyResult> {
  const pointer = kind.arnPointer(step);
  if (pointer === undefined) return result;
  const failed = await writeBack(step.file, pointer, arn, kind.arnPlacement);
  if (failed) return { ...result, error: { ...failed, licenseArn: result.step.licenseArn || undefined } };
  return { ...result, recorded: { arn, file: step.file, pointer } };
}
