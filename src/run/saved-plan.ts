/**
 * Saved plans (`plan --out FILE`, `apply FILE`): everything apply needs, so it
 * applies exactly what was reviewed. Reading one checks its form and validates
 * every desired document as a manifest, so a hand-edited plan can't smuggle in
 * what `validate` would refuse.
 */
import { summarize } from '../reconcile/plan.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { Plan, PlanStep } from '../reconcile/types.js';
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
  const saved = data as { kind?: unknown; formatVersion?: unknown; commit?: unknown; licenses?: unknown };
  if (saved?.kind !== 'license-gitops-plan')
    return fail('is not a saved plan; write one with `license-gitops plan --out FILE`');
  if (saved.formatVersion !== FORMAT_VERSION) {
    return fail(
      `has formatVersion ${String(saved.formatVersion)}; this version of license-gitops reads ${FORMAT_VERSION}`,
    );
  }
  if (!Array.isArray(saved.licenses) || !saved.licenses.every(isStep))
    return fail('is damaged: its licenses are not plan steps');
  // A create's licenseArn is left out of the JSON until the license exists.
  const steps = (saved.licenses as PlanStep[]).map((s) => ({ ...s, licenseArn: s.licenseArn ?? '' }));
  // A delete sends no content (only the ARN and the pin), and its document is what the license was.
  const sent = steps.filter((s) => s.action !== 'delete');
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
