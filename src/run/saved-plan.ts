/**
 * Saved plans (`plan --out FILE`, `apply FILE`): everything apply needs, so it
 * applies exactly what was reviewed. Reading one checks its form and validates
 * every desired document as a manifest, so a hand-edited plan can't smuggle in
 * what `validate` would refuse.
 */
import { summarize } from '../reconcile/plan.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { GrantStep, Plan, PlanStep } from '../reconcile/types.js';
import { validateManifests } from '../manifests/validate.js';
import { FORMAT_VERSION } from '../render/json.js';

export type SavedPlanRead = { ok: true; plan: Plan } | { ok: false; errors: LicenseError[] };

const ACTIONS: readonly string[] = ['create', 'update', 'delete', 'noop', 'error'];

export function readSavedPlan(text: string, file: string): SavedPlanRead {
  const fail = (message: string): SavedPlanRead => ({
    ok: false,
    errors: [licenseError('STALE_PLAN', message, { file })],
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail('is not a saved plan (not JSON); write one with `license-gitops plan --out FILE`');
  }
  const saved = data as {
    kind?: unknown;
    formatVersion?: unknown;
    commit?: unknown;
    licenses?: unknown;
    grants?: unknown;
  };
  if (saved?.kind !== 'license-gitops-plan')
    return fail('is not a saved plan; write one with `license-gitops plan --out FILE`');
  if (saved.formatVersion !== FORMAT_VERSION) {
    return fail(
      `has formatVersion ${String(saved.formatVersion)}; this version of license-gitops reads ${FORMAT_VERSION}`,
    );
  }
  if (!Array.isArray(saved.licenses) || !saved.licenses.every(isStep))
    return fail('is damaged: its licenses are not plan steps');
  const grants = readGrantSteps(saved.grants);
  if (!grants) return fail('is damaged: its grants are not grant steps');
  // A create's licenseArn is left out of the JSON until the license exists.
  const steps = [...(saved.licenses as PlanStep[]), ...grants].map((s) => ({ ...s, licenseArn: s.licenseArn ?? '' }));
  // A delete sends no content (only the ARN and the pin), and its document is what the license was.
  // A grant step's document is its license's manifest, checked once per license.
  const sent = uniqueByFile(steps.filter((s) => s.action !== 'delete' || s.kind === 'grant'));
  const invalid = validateManifests(sent.map((s) => ({ file: s.file, text: JSON.stringify(s.desired) }))).errors;
  if (invalid.length > 0)
    return {
      ok: false,
      errors: invalid.map((e) => ({ ...e, code: 'STALE_PLAN', message: `in ${file}: ${e.message}` })),
    };
  const plan: Plan = {
    steps,
    summary: summarize(steps),
    ...(typeof saved.commit === 'string' ? { commit: saved.commit } : {}),
  };
  return { ok: true, plan };
}

function isStep(value: unknown): boolean {
  const s = value as Partial<PlanStep> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.file === 'string' &&
    (typeof s.licenseArn === 'string' || (s.action === 'create' && s.licenseArn === undefined)) &&
    ACTIONS.includes(s.action as string) &&
    Array.isArray(s.patch) &&
    typeof s.desired === 'object' &&
    s.desired !== null &&
    ((s.action !== 'update' && s.action !== 'delete') || typeof s.sourceVersion === 'string') &&
    (s.action === 'create' || s.licenseArn !== '') &&
    (s.kind === undefined || s.kind === 'license')
  );
}

/** The saved grant steps in step form (`grantName`/`grantArn` back into `grant`), or undefined when damaged. */
function readGrantSteps(value: unknown): GrantStep[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const steps: GrantStep[] = [];
  for (const item of value as Array<Record<string, unknown>>) {
    const grant = item?.grant as GrantStep['grant'] | undefined;
    const entry = grant?.entry;
    const desired = item?.desired as { Grants?: unknown[] } | undefined;
    const ok =
      typeof item === 'object' &&
      item !== null &&
      item.kind === 'grant' &&
      typeof item.file === 'string' &&
      ACTIONS.includes(item.action as string) &&
      Array.isArray(item.patch) &&
      typeof desired === 'object' &&
      desired !== null &&
      typeof grant?.name === 'string' &&
      ((item.action !== 'update' && item.action !== 'delete') ||
        (typeof item.sourceVersion === 'string' && typeof grant.arn === 'string')) &&
      // What create and update send must be an entry of the manifest the plan saved.
      ((item.action !== 'create' && item.action !== 'update') ||
        (entry !== undefined && (desired.Grants ?? []).some((e) => JSON.stringify(e) === JSON.stringify(entry))));
    if (!ok) return undefined;
    const { grantName: _name, grantArn: _arn, status: _status, removed: _removed, ...step } = item;
    steps.push(step as unknown as GrantStep);
  }
  return steps;
}

function uniqueByFile(steps: readonly PlanStep[]): PlanStep[] {
  const seen = new Set<string>();
  return steps.filter((s) => (seen.has(s.file) ? false : (seen.add(s.file), true)));
}
