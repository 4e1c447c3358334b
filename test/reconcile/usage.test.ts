import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planLicense, planRetirement } from '../../src/reconcile/plan.js';
import type { UsageRead } from '../../src/reconcile/ports.js';
import type { GrantStep, LicenseDocument, LiveLicense, PlanStep } from '../../src/reconcile/types.js';
import { usageNeeded, withUsage, type UsageAllowance } from '../../src/reconcile/usage.js';
import { SAMPLE_ARN, sampleDocument } from './sample.js';

const FILE = 'licenses/seats.json';
const NONE: UsageAllowance = { all: false, files: new Set() };
const live = (doc: LicenseDocument): LiveLicense => ({ ...structuredClone(doc), Version: '3' });

/** The plan step for a manifest `wanted` over a live license `was`. */
const update = (wanted: Partial<LicenseDocument>, was: Partial<LicenseDocument> = {}): PlanStep =>
  planLicense({
    manifest: { file: FILE, document: sampleDocument(wanted) },
    read: { ok: true, license: live(sampleDocument(was)) },
  });

const counts = (seats: number | undefined, cores = 4) => ({
  Entitlements: [
    { Name: 'seats', ...(seats !== undefined ? { MaxCount: seats } : {}), Unit: 'Count' },
    { Name: 'cores', MaxCount: cores, Unit: 'Count' },
  ],
});

const used = (consumed: Record<string, number>): Map<string, UsageRead> =>
  new Map([[SAMPLE_ARN, { ok: true, consumed }]]);

describe('usageNeeded', () => {
  it('asks for no usage when no step changes a MaxCount or takes the license away', () => {
    const renamed = update({ LicenseName: 'Other' });
    expect(renamed.action).toBe('update');
    expect(usageNeeded([renamed]).size).toBe(0);
  });

  it('asks for the usage of a license whose MaxCount changes, in its HomeRegion, raised or lowered', () => {
    expect([...usageNeeded([update(counts(20))])]).toEqual([[SAMPLE_ARN, 'us-east-1']]);
    expect([...usageNeeded([update(counts(5))])]).toEqual([[SAMPLE_ARN, 'us-east-1']]);
  });

  it('asks for the usage before DEACTIVATED and before a prune, not before other status changes', () => {
    expect(usageNeeded([update({ Status: 'DEACTIVATED' })]).size).toBe(1);
    expect(usageNeeded([update({ Status: 'AVAILABLE' }, { Status: 'DEACTIVATED' })]).size).toBe(0);
    const prune = planRetirement({
      file: FILE,
      licenseArn: SAMPLE_ARN,
      read: { ok: true, license: live(sampleDocument()) },
      document: sampleDocument(),
    });
    expect(prune.action).toBe('delete');
    expect(usageNeeded([prune]).size).toBe(1);
  });
});

describe('withUsage', () => {
  it('refuses a MaxCount below what is consumed, naming the entitlement, the consumed and the new value', () => {
    const { steps } = withUsage([update(counts(5))], used({ seats: 8, cores: 0 }), NONE);
    expect(steps[0]?.action).toBe('error');
    expect(steps[0]?.error?.code).toBe('IN_USE');
    expect(steps[0]?.error?.message).toMatch(/seats has 8 consumed, above the new MaxCount 5/);
    expect(steps[0]?.error).toMatchObject({ file: FILE, licenseArn: SAMPLE_ARN });
  });

  it('keeps a lowered MaxCount that still covers what is consumed, showing the consumed value', () => {
    const { steps } = withUsage([update(counts(8))], used({ seats: 8 }), NONE);
    expect(steps[0]?.action).toBe('update');
    expect(steps[0]).toMatchObject({ usage: [{ entitlement: 'seats', consumed: 8, maxCount: 8 }] });
  });

  it('lets the manifest or the run allow it, with a note', () => {
    for (const allowance of [
      { all: true, files: new Set<string>() },
      { all: false, files: new Set([FILE]) },
    ]) {
      const { steps } = withUsage([update(counts(5))], used({ seats: 8 }), allowance);
      expect(steps[0]?.action).toBe('update');
      expect(steps[0]?.note).toMatch(/allowed by allowBelowUsage: entitlement seats has 8 consumed/);
    }
  });

  it('refuses DEACTIVATED and a prune of a license in use, and allows them when nothing is checked out', () => {
    const deactivate = update({ Status: 'DEACTIVATED' });
    expect(withUsage([deactivate], used({ seats: 1 }), NONE).steps[0]?.error?.message).toMatch(
      /DEACTIVATED .* in use \(seats: 1 consumed\)/,
    );
    expect(withUsage([deactivate], used({ seats: 0 }), NONE).steps[0]?.action).toBe('update');
  });

  it('refuses removing an entitlement in use and makes no limit a change that never hurts', () => {
    const removed = update({ Entitlements: [{ Name: 'cores', MaxCount: 4, Unit: 'Count' }] });
    expect(withUsage([removed], used({ seats: 2 }), NONE).steps[0]?.error?.message).toMatch(/seats would be removed/);
    const unlimited = withUsage([update(counts(undefined))], used({ seats: 99 }), NONE).steps[0];
    expect(unlimited?.action).toBe('update');
  });

  it('refuses disabling or deleting a grant of a license in use', () => {
    const grant = (action: 'update' | 'delete', status?: string): GrantStep => ({
      kind: 'grant',
      file: FILE,
      licenseArn: SAMPLE_ARN,
      desired: sampleDocument(),
      action,
      patch: [],
      grant: {
        name: 'reseller',
        status: 'ACTIVE',
        ...(status ? { entry: { GrantName: 'reseller', Principals: [], AllowedOperations: [], Status: status } } : {}),
      },
    });
    expect(usageNeeded([grant('update', 'ACTIVE')]).size).toBe(0);
    for (const step of [grant('update', 'DISABLED'), grant('delete')]) {
      expect(usageNeeded([step]).size).toBe(1);
      expect(withUsage([step], used({ seats: 3 }), NONE).steps[0]?.error?.code).toBe('IN_USE');
      expect(withUsage([step], used({}), NONE).steps[0]?.action).toBe(step.action);
    }
  });

  it('leaves the plan as it was when usage could not be read, and says why once', () => {
    const error = { code: 'ACCESS_DENIED' as const, message: 'access denied', fault: 'user' as const };
    const steps = [update(counts(5)), update(counts(1))];
    const reads = new Map<string, UsageRead>([[SAMPLE_ARN, { ok: false, error }]]);
    const checked = withUsage(steps, reads, NONE);
    expect(checked.steps).toEqual(steps);
    expect(checked.unread).toBe('access denied');
  });

  it('refuses exactly the new counts below what is consumed (property)', () => {
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), (was, next, consumed) => {
        fc.pre(was !== next);
        const step = update(counts(next), counts(was));
        const after = withUsage([step], used({ seats: consumed }), NONE).steps[0];
        expect(after?.action).toBe(next < consumed ? 'error' : 'update');
      }),
    );
  });
});
