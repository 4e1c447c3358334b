/**
 * The grant steps of a saved plan, checked before anything is sent (as
 * verify-plan.ts checks license steps) and rebuilt by the function plan uses
 * (`planGrants`), from the manifest at the plan's commit and the grants read
 * now. A grant step must name an entry of that manifest (or, for a delete, a
 * live grant no entry claims) and still find the grant as it was planned: at
 * the version pinned, with the content planned. Anything else refuses the plan.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { planGrants } from '../reconcile/grant-plan.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { GrantStep, LicenseStep, Manifest, PlanStep } from '../reconcile/types.js';
import { sameJson } from './verify-plan.js';

export type VerifiedGrants = { ok: true; steps: GrantStep[] } | { ok: false; errors: LicenseError[] };

/**
 * `licenses` are the license steps already verified and rebuilt; a grant step
 * follows the one of its file. `ignore` are the plan's own ignore rules.
 */
export async function verifyGrantSteps(
  saved: readonly GrantStep[],
  licenses: readonly PlanStep[],
  manifests: readonly Manifest[],
  where: string,
  service: LicenseService,
  ignore: readonly string[],
  planFile: string,
): Promise<VerifiedGrants> {
  const refuse = (message: string, file?: string): VerifiedGrants => ({
    ok: false,
    errors: [licenseError('STALE_PLAN', `${message}; nothing was sent. Run plan again.`, { file: file ?? planFile })],
  });
  const steps: GrantStep[] = [];
  for (const file of new Set(saved.map((s) => s.file))) {
    const license = licenses.find((s): s is LicenseStep => s.kind !== 'grant' && s.file === file);
    const manifest = manifests.find((m) => m.file === file);
    if (!license || !manifest || manifest.document.Grants === undefined)
      return refuse(`${file}: the plan has grants the manifest at ${where} doesn't declare`);
    const read = license.licenseArn
      ? await service.listGrants(license.licenseArn, license.desired.HomeRegion)
      : undefined;
    if (read && !read.ok) return { ok: false, errors: [{ ...read.error, file }] };
    // Planned as with --prune, so a saved delete finds its rebuilt twin; a grant planned
    // as left alone stays left alone.
    const rebuilt = planGrants(license, read, { ignore: [...ignore], prune: true });
    for (const step of saved.filter((s) => s.file === file)) {
      const twin = rebuilt.find((r) => r.grant.name === step.grant.name && r.grant.arn === step.grant.arn);
      const now = twin ?? rebuilt.find((r) => r.grant.name === step.grant.name);
      if (step.action === 'noop' || step.action === 'error') {
        steps.push(settled(step, twin, license));
        continue;
      }
      if (!twin || !samePlanned(step, twin)) {
        const found = now
          ? `now ${now.action}${now.sourceVersion ? ` at version ${now.sourceVersion}` : ''}`
          : 'now gone from the plan';
        const planned = `${step.action}${step.sourceVersion ? ` at version ${step.sourceVersion}` : ''}`;
        return refuse(
          `the plan is stale: grant ${step.grant.name} of ${file} changed since it was planned (planned ${planned}, ${found})`,
          file,
        );
      }
      steps.push(twin);
    }
  }
  return { ok: true, steps };
}

/** The step apply would run now is the one the plan showed: same action, pin, entry and changes. */
function samePlanned(saved: GrantStep, now: GrantStep): boolean {
  return (
    saved.action === now.action &&
    saved.sourceVersion === now.sourceVersion &&
    sameJson(saved.grant.entry ?? null, now.grant.entry ?? null) &&
    sameJson(saved.patch, now.patch)
  );
}

/**
 * A step that sends nothing. Still as planned (a noop now too): the rebuilt one,
 * which may record an adopted GrantArn. Otherwise it stays a step that does
 * nothing: what changed since is for the next plan, not for this reviewed one.
 */
function settled(saved: GrantStep, now: GrantStep | undefined, license: LicenseStep): GrantStep {
  if (now && now.action === saved.action) return now;
  const { adopted: _adopted, observed: _observed, ...rest } = saved;
  return {
    ...rest,
    licenseArn: license.licenseArn,
    desired: license.desired,
    patch: [],
    ...(saved.action === 'error' && saved.error
      ? { error: { ...saved.error, message: saved.error.message.slice(0, 1000), file: saved.file } }
      : {}),
  };
}
