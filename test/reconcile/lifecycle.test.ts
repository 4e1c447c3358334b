/** The plan over a license's whole life: create, adopt, immutable members, service statuses, retire. */
import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import { buildPlan, planLicense, planRetirement } from '../../src/reconcile/plan.js';
import type { LiveLicense, LiveRead, Retirement } from '../../src/reconcile/types.js';
import { SAMPLE_ARN, sampleDocument } from './sample.js';
import { deepFreeze } from './arbitraries.js';

const fresh = sampleDocument({
  LicenseArn: undefined,
  ProductSKU: 'SKU-1',
  Beneficiary: 'arn:aws:iam::111122223333:root',
});
delete fresh.LicenseArn;
const live = (changes: Record<string, unknown> = {}): LiveLicense => ({
  ...structuredClone(fresh),
  LicenseArn: SAMPLE_ARN,
  Version: '1',
  ...changes,
});
const ok = (license: LiveLicense): LiveRead => ({ ok: true, license });
const manifest = { file: 'licenses/new.json', document: fresh };

describe('create', () => {
  it('shows the user tags a create sets, keyed by Key (an empty list sets none)', () => {
    const tagged = { ...manifest, document: { ...fresh, Tags: [{ Key: 'team', Value: 'red' }] } };
    expect(planLicense(deepFreeze({ manifest: tagged, read: undefined })).patch).toContainEqual({
      op: 'add',
      path: '/Tags',
      value: { team: 'red' },
    });
    const none = { ...manifest, document: { ...fresh, Tags: [] } };
    expect(planLicense(deepFreeze({ manifest: none, read: undefined })).patch.some((op) => op.path === '/Tags')).toBe(
      false,
    );
  });
  it('plans a create for a manifest without LicenseArn when nothing was found, showing what it sets', () => {
    const step = planLicense(deepFreeze({ manifest, read: undefined }));
    expect(step.action).toBe('create');
    expect(step.licenseArn).toBe('');
    expect(step.sourceVersion).toBeUndefined();
    expect(step.patch).toContainEqual({ op: 'add', path: '/LicenseName', value: 'Seats' });
    // The members only a create sends are shown too: who gets the license, and for which SKU.
    expect(step.patch).toContainEqual({ op: 'add', path: '/ProductSKU', value: fresh.ProductSKU });
    expect(step.patch).toContainEqual({ op: 'add', path: '/Beneficiary', value: fresh.Beneficiary });
  });

  it('adopts the license found by its marker: noop when it matches, an update pinned to its version when not', () => {
    const same = planLicense({ manifest, read: ok(live()), adopted: true });
    expect(same).toMatchObject({ action: 'noop', adopted: true, licenseArn: SAMPLE_ARN, sourceVersion: '1' });
    const drifted = planLicense({ manifest, read: ok(live({ LicenseName: 'Old', Version: '2' })), adopted: true });
    expect(drifted).toMatchObject({ action: 'update', adopted: true, sourceVersion: '2' });
    expect(drifted.patch).toEqual([{ op: 'replace', path: '/LicenseName', value: 'Seats' }]);
  });

  it('counts creates in the summary', () => {
    expect(buildPlan([{ manifest, read: undefined }]).summary).toEqual({
      create: 1,
      update: 0,
      delete: 0,
      noop: 0,
      error: 0,
    });
  });
});

describe('members fixed at creation', () => {
  it.each([
    ['ProductSKU', { ProductSKU: 'SKU-2' }],
    ['Beneficiary', { Beneficiary: 'arn:aws:iam::999999999999:root' }],
    ['HomeRegion', { HomeRegion: 'eu-west-1' }],
  ])('refuses another %s, saying a new license is needed', (member, change) => {
    const step = planLicense({
      manifest: { ...manifest, document: { ...fresh, LicenseArn: SAMPLE_ARN } },
      read: ok(live(change)),
    });
    expect(step.action).toBe('error');
    expect(step.error?.code).toBe('IMMUTABLE');
    expect(step.error?.message).toMatch(
      new RegExp(`^${member} can't be changed by a new version: live is .*new license.*--prune`),
    );
  });

  it('accepts equal values and a manifest that leaves them out', () => {
    const withArn = { ...fresh, LicenseArn: SAMPLE_ARN };
    expect(planLicense({ manifest: { ...manifest, document: withArn }, read: ok(live()) }).action).toBe('noop');
    const { ProductSKU: _s, Beneficiary: _b, ...without } = withArn;
    expect(planLicense({ manifest: { ...manifest, document: without }, read: ok(live()) }).action).toBe('noop');
  });
});

describe('statuses License Manager sets', () => {
  const withArn = { ...manifest, document: { ...fresh, LicenseArn: SAMPLE_ARN } };

  it('reports EXPIRED instead of writing AVAILABLE back, and says how to renew', () => {
    const step = planLicense({ manifest: withArn, read: ok(live({ Status: 'EXPIRED' })) });
    expect(step.action).toBe('noop');
    expect(step.note).toMatch(/EXPIRED.*extending Validity\.End in the manifest renews it/);
  });

  it('still updates other drift of an expired license (a renewal)', () => {
    const renewed = {
      ...withArn,
      document: { ...withArn.document, Validity: { Begin: '2025-01-01T00:00:00Z', End: '2030-01-01T00:00:00Z' } },
    };
    const step = planLicense({ manifest: renewed, read: ok(live({ Status: 'EXPIRED' })) });
    expect(step.action).toBe('update');
    expect(step.patch).toEqual(
      expect.arrayContaining([
        { op: 'replace', path: '/Status', value: 'AVAILABLE' },
        { op: 'add', path: '/Validity/End', value: '2030-01-01T00:00:00.000Z' },
      ]),
    );
    expect(step.patch).toHaveLength(2);
    expect(step.desired.Status).toBe('AVAILABLE');
  });

  it.each(['EXPIRED', 'PENDING_AVAILABLE', 'SUSPENDED'])(
    'updates other drift of a %s license keeping its status, as the plan shows',
    (Status) => {
      const drifted = { ...withArn, document: { ...withArn.document, LicenseName: 'Renamed' } };
      const step = planLicense({ manifest: drifted, read: ok(live({ Status })) });
      expect(step.action).toBe('update');
      expect(step.patch.map((op) => op.path)).toEqual(['/LicenseName']);
      expect(step.desired.Status).toBe(Status);
    },
  );

  it.each(['PENDING_AVAILABLE', 'SUSPENDED'])('reports %s and does not write the status back', (Status) => {
    const step = planLicense({ manifest: withArn, read: ok(live({ Status })) });
    expect(step.action).toBe('noop');
    expect(step.note).toContain(Status);
  });

  it('treats DEACTIVATED, which an issuer sets, as drift', () => {
    expect(planLicense({ manifest: withArn, read: ok(live({ Status: 'DEACTIVATED' })) }).action).toBe('update');
  });
});

describe('retirement', () => {
  const retirement = (read: LiveRead | undefined, activeGrants = 0): Retirement => ({
    file: 'licenses/old.json',
    licenseArn: SAMPLE_ARN,
    read,
    document: fresh,
    activeGrants,
  });

  it('plans a delete pinned to the version read now', () => {
    expect(planRetirement(retirement(ok(live({ Version: '7' }))))).toMatchObject({
      action: 'delete',
      sourceVersion: '7',
      licenseArn: SAMPLE_ARN,
      activeGrants: 0,
    });
  });

  it('refuses a license with active grants unless forced, saying how many', () => {
    const refused = planRetirement(retirement(ok(live()), 2));
    expect(refused.action).toBe('error');
    expect(refused.error?.code).toBe('HAS_GRANTS');
    expect(refused.error?.message).toMatch(/2 active grants.*--force-delete-granted/);
    expect(planRetirement(retirement(ok(live()), 2), { forceDeleteGranted: true })).toMatchObject({
      action: 'delete',
      activeGrants: 2,
    });
  });

  it('has nothing to do for a license already deleted or gone', () => {
    expect(planRetirement(retirement(ok(live({ Status: 'PENDING_DELETE' })))).action).toBe('noop');
    expect(planRetirement(retirement(ok(live({ Status: 'DELETED' })))).action).toBe('noop');
    const gone: LiveRead = { ok: false, error: licenseError('NOT_FOUND', 'not found') };
    expect(planRetirement(retirement(gone)).action).toBe('noop');
  });

  it('is an error when the license could not be read', () => {
    const denied: LiveRead = { ok: false, error: licenseError('ACCESS_DENIED', 'denied') };
    expect(planRetirement(retirement(denied))).toMatchObject({
      action: 'error',
      error: { code: 'ACCESS_DENIED', file: 'licenses/old.json' },
    });
  });

  it('comes after the manifests in the plan and is counted', () => {
    const plan = buildPlan([{ manifest, read: undefined }], {}, [retirement(ok(live()))]);
    expect(plan.steps.map((s) => s.action)).toEqual(['create', 'delete']);
    expect(plan.summary).toEqual({ create: 1, update: 0, delete: 1, noop: 0, error: 0 });
  });
});
