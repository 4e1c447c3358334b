/** applyPlan against a fake service: pins, tokens, conflicts, limits. */
import { NO_LIFECYCLE } from '../helpers/no-lifecycle.js';
import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import type { LicenseService, VersionRequest, WriteResult } from '../../src/reconcile/ports.js';
import type { LicenseDocument, LiveLicense, Plan, PlanStep } from '../../src/reconcile/types.js';
import { applyPlan } from '../../src/run/apply.js';
import { sampleDocument } from '../reconcile/sample.js';
import { NO_GRANTS } from '../helpers/no-grants.js';

const ARN = 'arn:aws:license-manager::123456789012:license:l-00000000000000000000000000000001';
const desired: LicenseDocument = sampleDocument({
  LicenseArn: ARN,
  HomeRegion: 'eu-west-1',
  Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 10 }],
  ConsumptionConfiguration: {},
});
const update: PlanStep = {
  file: 'licenses/seats.json',
  licenseArn: ARN,
  action: 'update',
  sourceVersion: '3',
  patch: [],
  desired,
};
const plan = (...steps: PlanStep[]): Plan => ({
  steps,
  summary: { create: 0, update: steps.length, delete: 0, noop: 0, error: 0 },
});

function fakeService(
  write: WriteResult,
  live: LiveLicense,
): LicenseService & { sent: VersionRequest[]; reads: number } {
  const service = {
    ...NO_GRANTS,
    ...NO_LIFECYCLE,
    sent: [] as VersionRequest[],
    reads: 0,
    async createLicenseVersion(request: VersionRequest, region: string) {
      expect(region).toBe('eu-west-1');
      service.sent.push(request);
      return write;
    },
    async getLicense() {
      service.reads += 1;
      return { ok: true as const, license: live };
    },
  };
  return service;
}

const conflict = licenseError('CONFLICT', 'the license changed after it was read');

describe('applyPlan', () => {
  it('sends the desired content pinned to the planned version, in the HomeRegion', async () => {
    const service = fakeService({ ok: true, version: '4' }, {});
    const [result] = await applyPlan(plan(update), service, { concurrency: 1 });
    expect(result).toMatchObject({ outcome: 'updated', newVersion: '4' });
    expect(service.sent[0]).toMatchObject({ ...desired, SourceVersion: '3' });
    expect(service.sent[0]?.ClientToken).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a refused write again: another version with other content is a conflict', async () => {
    const service = fakeService(
      { ok: false, error: conflict, attempts: 1 },
      { ...desired, LicenseName: 'X', Version: '4' },
    );
    const [result] = await applyPlan(plan(update), service, { concurrency: 1 });
    expect(result?.outcome).toBe('conflict');
    expect(result?.error).toMatchObject({ code: 'CONFLICT', file: 'licenses/seats.json', licenseArn: ARN });
    expect(result?.error?.message).toContain('now at version 4');
    expect(service.reads).toBe(1);
  });

  it('recognises its own committed write behind a retried conflict', async () => {
    const live = {
      ...desired,
      Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 10, Overage: false }],
      Version: '4',
    };
    const service = fakeService({ ok: false, error: conflict, attempts: 2 }, live);
    const [result] = await applyPlan(plan(update), service, { concurrency: 1 });
    expect(result).toMatchObject({ outcome: 'updated', newVersion: '4' });
    expect(service.sent).toHaveLength(1);
  });

  it('recognises its own write whatever the error is called (a version-mismatch ValidationException)', async () => {
    const mismatch = licenseError('REJECTED', "The version provided 3 doesn't match the latest version 4", {
      cause: 'ValidationException',
    });
    const service = fakeService({ ok: false, error: mismatch, attempts: 2 }, { ...desired, Version: '4' });
    const [result] = await applyPlan(plan(update), service, { concurrency: 1 });
    expect(result).toMatchObject({ outcome: 'updated', newVersion: '4' });
  });

  it('keeps a retried conflict a conflict when someone else changed the license', async () => {
    const live = { ...desired, LicenseName: 'Renamed elsewhere', Version: '4' };
    const service = fakeService({ ok: false, error: conflict, attempts: 3 }, live);
    const [result] = await applyPlan(plan(update), service, { concurrency: 1 });
    expect(result?.outcome).toBe('conflict');
  });

  it('reports the failure as reported when nothing changed after the pin', async () => {
    const rejected = licenseError('REJECTED', 'refused (ValidationException): bad entitlement', {
      cause: 'ValidationException',
    });
    const service = fakeService(
      { ok: false, error: rejected, attempts: 1 },
      { ...desired, LicenseName: 'Old', Version: '3' },
    );
    const [result] = await applyPlan(plan(update), service, { concurrency: 1 });
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'REJECTED', file: 'licenses/seats.json' } });
  });

  it('says DELETED when the license was deleted between plan and apply', async () => {
    const rejected = licenseError('REJECTED', 'refused', { cause: 'ValidationException' });
    const service = fakeService({ ok: false, error: rejected }, { ...desired, Status: 'DELETED', Version: '3' });
    const [result] = await applyPlan(plan(update), service, { concurrency: 1 });
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'DELETED' } });
  });

  it('sends LicenseMetadata: [] when the manifest has none, so removing all metadata converges', async () => {
    const { LicenseMetadata: _none, ...bare } = desired;
    const service = fakeService({ ok: true, version: '4' }, {});
    await applyPlan(plan({ ...update, desired: bare }), service, { concurrency: 1 });
    expect(service.sent[0]?.LicenseMetadata).toEqual([]);
  });

  it('changes nothing when the plan exceeds --max-changes', async () => {
    const service = fakeService({ ok: true, version: '4' }, {});
    const results = await applyPlan(plan(update, { ...update, file: 'licenses/b.json' }), service, {
      concurrency: 1,
      maxChanges: 1,
    });
    expect(results.map((r) => r.outcome)).toEqual(['skipped', 'skipped']);
    expect(results[0]?.error?.code).toBe('TOO_MANY_CHANGES');
    expect(service.sent).toHaveLength(0);
  });

  it('starts no write once aborted', async () => {
    const service = fakeService({ ok: true, version: '4' }, {});
    const controller = new AbortController();
    controller.abort();
    const [result] = await applyPlan(plan(update), service, { concurrency: 1, signal: controller.signal });
    expect(result).toMatchObject({ outcome: 'skipped', error: { code: 'INTERRUPTED' } });
    expect(service.sent).toHaveLength(0);
  });
});
