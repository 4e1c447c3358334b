/**
 * The creates and deletes of a saved plan, checked before anything is sent (as
 * verify-plan.ts checks its updates) and rebuilt by the functions plan uses.
 *
 * - A create must name a manifest without LicenseArn at the plan's commit, with
 *   the very content planned, and no license this tool created for it may exist
 *   by now (the plan was applied already, or another run created it): that plan
 *   is spent.
 * - A delete must name a license no manifest at that commit declares, still at
 *   the version it was planned against, in the region planned.
 * - An adopted license (its ARN to record) must still carry this tool's marker for
 *   a manifest without LicenseArn, at the version planned; a step in error for such
 *   a manifest stays an error.
 */
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { planLicense, planRetirement } from '../reconcile/plan.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { Manifest, PlanStep } from '../reconcile/types.js';
import { CreatedLicenses, findCreated } from './adopt.js';
import { isMarked } from './marker.js';
import type { RunOptions } from './pipeline.js';
import { documentOf, withGrants } from './prune.js';

export type Rebuilt = { ok: true; step: PlanStep } | { ok: false; error: LicenseError };

const SPENT = 'the plan is spent';
const STALE = 'the plan is stale';

/** Each create or delete step rebuilt, or the first reason to refuse the plan. */
export async function verifyLifecycleSteps(
  steps: readonly PlanStep[],
  manifests: readonly Manifest[],
  where: string,
  service: LicenseService,
  options: RunOptions,
): Promise<Map<PlanStep, Rebuilt>> {
  const declared = new Set(manifests.flatMap((m) => (m.document.LicenseArn ? [m.document.LicenseArn] : [])));
  const created = new CreatedLicenses(service, declared, options.concurrency);
  const rebuilt = await Promise.all(
    steps.map(async (step): Promise<[PlanStep, Rebuilt]> => {
      if (step.action === 'create') return [step, await verifyCreate(step, manifests, created, where, options)];
      if (step.action === 'delete') return [step, await verifyDelete(step, declared, where, service, options)];
      return [step, await verifyAdopted(step, manifests, where, service, options)];
    }),
  );
  return new Map(rebuilt);
}

async function verifyCreate(
  step: PlanStep,
  manifests: readonly Manifest[],
  created: CreatedLicenses,
  where: string,
  options: RunOptions,
): Promise<Rebuilt> {
  const refuse = (message: string): Rebuilt => ({
    ok: false,
    error: licenseError('STALE_PLAN', message, { file: step.file }),
  });
  const manifest = manifests.find((m) => m.file === step.file);
  if (!manifest || manifest.document.LicenseArn)
    return refuse(`${step.file}: the plan creates a license from it, but at ${where} it declares no new license`);
  const fresh = planLicense({ manifest, read: undefined });
  if (JSON.stringify(fresh.patch) !== JSON.stringify(step.patch))
    return refuse(`${step.file}: the plan's content for the new license differs from ${where}`);
  const found = (await findCreated([manifest], manifests, created, options.manifestDir)).get(manifest.file);
  if (found?.ok)
    return refuse(
      `${SPENT}: ${step.file} was created since it was planned (perhaps by applying this plan) as ${found.license.LicenseArn}; run plan again to record its ARN`,
    );
  if (found && !found.ok) return { ok: false, error: found.error };
  return { ok: true, step: fresh };
}

async function verifyDelete(
  step: PlanStep,
  declared: ReadonlySet<string>,
  where: string,
  service: LicenseService,
  options: RunOptions,
): Promise<Rebuilt> {
  const subject = { file: step.file, licenseArn: step.licenseArn };
  const refuse = (message: string): Rebuilt => ({ ok: false, error: licenseError('STALE_PLAN', message, subject) });
  if (declared.has(step.licenseArn))
    return refuse(`the plan deletes ${step.licenseArn}, but a manifest at ${where} declares it`);
  const region = step.desired.HomeRegion;
  const read = await service.getLicense(step.licenseArn, region);
  if (read.ok && read.license.HomeRegion !== undefined && read.license.HomeRegion !== region)
    return refuse(
      `the plan deletes ${step.licenseArn} in ${region}, but its HomeRegion is ${String(read.license.HomeRegion)}`,
    );
  const retirement = await withGrants(
    { file: step.file, licenseArn: step.licenseArn, read, document: documentOf(read, region) },
    service,
  );
  const fresh = planRetirement(retirement, { forceDeleteGranted: options.forceDeleteGranted ?? false });
  if (fresh.action === 'error' && fresh.error) return { ok: false, error: fresh.error };
  if (fresh.action !== 'delete' || fresh.sourceVersion !== step.sourceVersion) {
    const now =
      fresh.action === 'noop' ? 'it is deleted already' : `it is now at version ${String(fresh.sourceVersion)}`;
    return refuse(
      `${STALE}: the delete was planned against version ${step.sourceVersion}, but ${now} (perhaps by applying this plan)`,
    );
  }
  return { ok: true, step: fresh };
}

async function verifyAdopted(
  step: PlanStep,
  manifests: readonly Manifest[],
  where: string,
  service: LicenseService,
  options: RunOptions,
): Promise<Rebuilt> {
  const subject = { file: step.file, ...(step.licenseArn ? { licenseArn: step.licenseArn } : {}) };
  const refuse = (message: string): Rebuilt => ({ ok: false, error: licenseError('STALE_PLAN', message, subject) });
  const manifest = manifests.find((m) => m.file === step.file);
  if (!manifest || manifest.document.LicenseArn)
    return refuse(
      `${step.file}: the plan records a new license's ARN in it, but at ${where} it declares no new license`,
    );
  if (step.action === 'error') {
    const error = step.error ?? licenseError('READ_FAILED', 'planned as an error', subject);
    return {
      ok: true,
      step: {
        ...step,
        desired: manifest.document,
        patch: [],
        error: { ...error, message: error.message.slice(0, 1000) },
      },
    };
  }
  const region = manifest.document.HomeRegion;
  const [read, tags] = await Promise.all([
    service.getLicense(step.licenseArn, region),
    service.listTags(step.licenseArn, region),
  ]);
  if (!read.ok) return { ok: false, error: { ...read.error, ...subject } };
  if (!tags.ok) return { ok: false, error: { ...tags.error, ...subject } };
  if (!isMarked(tags.tags)) return refuse(`the plan adopts ${step.licenseArn}, which license-gitops did not create`);
  if (read.license.Version !== step.sourceVersion)
    return refuse(
      `${STALE}: ${step.licenseArn} was planned against version ${step.sourceVersion}, now at version ${String(read.license.Version)}`,
    );
  const ignore = [...(options.ignore ?? []), ...(options.ignoreFor?.(manifest.file) ?? [])];
  const fresh = planLicense({ manifest, read, adopted: true }, { ignore });
  if (fresh.action !== step.action) return refuse(`${step.file}: the plan's content differs from ${where}`);
  return { ok: true, step: fresh };
}
