/**
 * The kinds the engine reconciles, and what output asks of any step: its
 * name, label, ARN and where its ARN is recorded, each answered by the step's
 * kind. Adding a resource is one file in this folder and one entry here.
 */
import jsonpatch from 'fast-json-patch';
import type { PlanStep, StepKind } from '../reconcile/types.js';
import { grant } from './grant.js';
import type { Kind } from './kind.js';
import { license } from './license.js';
import { tags } from './tags.js';
import { kindName } from '../reconcile/steps.js';

/** Every kind, in the order their steps are planned: a kind may plan from the steps of those before it. */
export const KINDS = [license, grant, tags] as unknown as readonly Kind[];

const BY_NAME = new Map<StepKind, Kind>(KINDS.map((kind) => [kind.name, kind]));

/** The kind of a step (a step saved without one is a license's). */
export function kindOf<S extends PlanStep>(step: S): Kind<S> {
  return BY_NAME.get(kindName(step)) as unknown as Kind<S>;
}

/** The part of its manifest a step is about (`grant acme-prod`, `tags`); '' for the license itself. */
export const partOf = (step: PlanStep): string => kindOf(step).part(step);

/** The name a step's subject is shown by: the license's name, or `<license>: grant <GrantName>`. */
export const subjectName = (step: PlanStep): string => {
  const part = partOf(step);
  return `${step.desired?.LicenseName ?? ''}${part ? `: ${part}` : ''}`;
};

/** How a step is labelled in outcome lines: the file, and for a grant its name. */
export const stepLabel = (step: PlanStep): string => {
  const part = partOf(step);
  return part ? `${step.file} ${part}` : step.file;
};

/** `3 licenses and 1 grant`: how many steps of each kind, in words. */
export function countByKind(steps: readonly PlanStep[]): string {
  const parts = KINDS.flatMap((kind) => {
    const n = steps.filter((s) => kindName(s) === kind.name).length;
    return n > 0 ? [`${n} ${kind.noun[n === 1 ? 0 : 1]}`] : [];
  });
  return parts.length <= 1 ? (parts[0] ?? '0 licenses') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** The pointer's last segment, unescaped: `LicenseArn`, `GrantArn`. */
export function pointerName(pointer: string): string {
  return jsonpatch.unescapePathComponent(pointer.split('/').at(-1) ?? '');
}
