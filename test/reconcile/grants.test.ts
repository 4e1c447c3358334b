/** Grant normalization and pairing: tables and properties, pure data. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparableGrant, granteeStatus, normalizeGrant } from '../../src/reconcile/grant-normalize.js';
import { pairGrants } from '../../src/reconcile/grant-plan.js';
import { planGrants } from '../../src/reconcile/grant-plan.js';
import { grantVersionRequest } from '../../src/reconcile/grant-request.js';
import type { GrantEntry, LicenseDocument, LicenseStep, LiveGrant } from '../../src/reconcile/types.js';

const LICENSE = 'arn:aws:license-manager::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const ACCOUNT = 'arn:aws:iam::111122223333:root';
const OTHER = 'arn:aws:iam::444455556666:root';
const OPERATIONS = [
  'CreateGrant',
  'CheckoutLicense',
  'CheckoutBorrowLicense',
  'CheckInLicense',
  'ExtendConsumptionLicense',
  'ListPurchasedLicenses',
  'CreateToken',
];

const DOCUMENT: LicenseDocument = {
  LicenseArn: LICENSE,
  LicenseName: 'L',
  ProductName: 'P',
  Issuer: { Name: 'I' },
  HomeRegion: 'us-east-1',
  Validity: { Begin: '2026-01-01T00:00:00Z' },
  Entitlements: [],
  ConsumptionConfiguration: {},
  Status: 'AVAILABLE',
};

let serial = 0;
function live(overrides: Partial<LiveGrant> = {}): LiveGrant {
  serial += 1;
  return {
    GrantArn: `arn:aws:license-manager::123456789012:grant:g-${String(serial).padStart(32, '0')}`,
    GrantName: 'acme-prod',
    ParentArn: LICENSE,
    LicenseArn: LICENSE,
    GranteePrincipalArn: ACCOUNT,
    HomeRegion: 'us-east-1',
    GrantStatus: 'ACTIVE',
    Version: '2',
    GrantedOperations: ['CheckoutLicense', 'CheckInLicense'],
    ...overrides,
  };
}

function entry(overrides: Partial<GrantEntry> = {}): GrantEntry {
  return {
    GrantName: 'acme-prod',
    Principals: [ACCOUNT],
    AllowedOperations: ['CheckInLicense', 'CheckoutLicense'],
    ...overrides,
  };
}

describe('normalizeGrant', () => {
  it('puts the output names onto the input names and drops what the service keeps', () => {
    expect(normalizeGrant(live({ StatusReason: null as never }))).toEqual({
      AllowedOperations: ['CheckInLicense', 'CheckoutLicense'],
      GrantName: 'acme-prod',
      Principals: [ACCOUNT],
      Status: 'ACTIVE',
    });
  });

  it('a grant never drifts from its entry in any operation order (property)', () => {
    const arb = fc.record({
      operations: fc.shuffledSubarray(OPERATIONS, { minLength: 1 }),
      name: fc.string({ minLength: 1 }),
      status: fc.constantFrom('PENDING_ACCEPT', 'ACTIVE', 'DISABLED', 'REJECTED'),
    });
    fc.assert(
      fc.property(arb, fc.boolean(), ({ operations, name, status }, reverse) => {
        const given = entry({ GrantName: name, AllowedOperations: operations });
        const shown = live({
          GrantName: name,
          GrantStatus: status,
          GrantedOperations: reverse ? [...operations].reverse() : operations,
        });
        const { desired, observed } = comparableGrant(given, shown);
        expect(observed).toEqual(desired);
      }),
    );
  });

  it('never mutates its input', () => {
    const input = Object.freeze(
      live({ GrantedOperations: Object.freeze(['CreateToken', 'CheckoutLicense']) as never }),
    );
    expect(() => normalizeGrant(input)).not.toThrow();
    expect(input.GrantedOperations).toEqual(['CreateToken', 'CheckoutLicense']);
  });
});

describe('comparableGrant: what is drift', () => {
  const rows: Array<[string, GrantEntry, LiveGrant, boolean]> = [
    ['the grantee accepting (no Status in the manifest)', entry(), live({ GrantStatus: 'ACTIVE' }), false],
    ['the grantee rejecting', entry(), live({ GrantStatus: 'REJECTED' }), false],
    [
      'Status ACTIVE while the grantee has not accepted yet',
      entry({ Status: 'ACTIVE' }),
      live({ GrantStatus: 'PENDING_ACCEPT' }),
      false,
    ],
    ['Status DISABLED on an active grant', entry({ Status: 'DISABLED' }), live({ GrantStatus: 'ACTIVE' }), true],
    ['Status ACTIVE on a disabled grant', entry({ Status: 'ACTIVE' }), live({ GrantStatus: 'DISABLED' }), true],
    ['another operation', entry({ AllowedOperations: ['CreateToken'] }), live(), true],
    ['another name', entry({ GrantName: 'acme-staging' }), live(), true],
    ['a live StatusReason the manifest does not set', entry(), live({ StatusReason: 'why not' }), false],
    ['a StatusReason the manifest sets', entry({ StatusReason: 'audit' }), live(), true],
    [
      'live Options the manifest does not set',
      entry(),
      live({ Options: { ActivationOverrideBehavior: 'DISTRIBUTED_GRANTS_ONLY' } }),
      false,
    ],
    [
      'Options the manifest sets',
      entry({ Options: { ActivationOverrideBehavior: 'DISTRIBUTED_GRANTS_ONLY' } }),
      live(),
      true,
    ],
  ];
  for (const [name, given, shown, drift] of rows) {
    it(`${drift ? 'is' : 'is not'} drift: ${name}`, () => {
      const { desired, observed } = comparableGrant(given, shown);
      expect(JSON.stringify(desired) !== JSON.stringify(observed)).toBe(drift);
    });
  }

  it('says whose turn it is', () => {
    expect(granteeStatus(live({ GrantStatus: 'PENDING_ACCEPT' }))).toBe('pending acceptance by 111122223333');
    expect(granteeStatus(live({ GrantStatus: 'REJECTED' }))).toBe('rejected by 111122223333');
    const org = 'arn:aws:organizations::111122223333:organization/o-abcdef1234';
    const ou = 'arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12-cdef5678';
    expect(granteeStatus(live({ GrantStatus: 'PENDING_ACCEPT', GranteePrincipalArn: org }))).toBe(
      'pending acceptance by organization o-abcdef1234 (of 111122223333)',
    );
    expect(granteeStatus(live({ GrantStatus: 'ACTIVE', GranteePrincipalArn: ou }))).toBe(
      'accepted by organizational unit ou-ab12-cdef5678 (of 111122223333)',
    );
  });
});

describe('pairGrants', () => {
  it('pairs by GrantArn, adopts by name and principal, creates the rest, and lists what no entry claims', () => {
    const known = live({ GrantName: 'known' });
    const orphan = live({ GrantName: 'lost-arn' });
    const stray = live({ GrantName: 'console-made', GranteePrincipalArn: OTHER });
    const deleted = live({ GrantName: 'gone', GrantStatus: 'DELETED' });
    const pairings = pairGrants(
      [
        entry({ GrantName: 'known', GrantArn: known.GrantArn as string }),
        entry({ GrantName: 'lost-arn' }),
        entry({ GrantName: 'brand-new' }),
      ],
      [known, orphan, stray, deleted],
    );
    expect(pairings.map((p) => [p.kind, 'entry' in p ? p.entry.GrantName : p.live.GrantName])).toEqual([
      ['live', 'known'],
      ['live', 'lost-arn'],
      ['new', 'brand-new'],
      ['removed', 'console-made'],
    ]);
    expect(pairings[1]).toMatchObject({ adopted: true, live: orphan });
  });

  it('refuses another principal for the same grant, by ARN or by name, and does not list it as removed', () => {
    const byArn = live({ GrantName: 'a' });
    const byName = live({ GrantName: 'b' });
    const pairings = pairGrants(
      [
        entry({ GrantName: 'a', GrantArn: byArn.GrantArn as string, Principals: [OTHER] }),
        entry({ GrantName: 'b', Principals: [OTHER] }),
      ],
      [byArn, byName],
    );
    expect(pairings.map((p) => p.kind)).toEqual(['principal-changed', 'principal-changed']);
  });

  it('a GrantArn that is not live is missing (with the deleted grant when it is listed)', () => {
    const deleted = live({ GrantStatus: 'DELETED' });
    const pairings = pairGrants(
      [
        entry({ GrantArn: deleted.GrantArn as string }),
        entry({ GrantName: 'x', GrantArn: 'arn:aws:license-manager::1:grant:g-x' }),
      ],
      [deleted],
    );
    expect(pairings).toEqual([
      { kind: 'missing', entry: expect.anything(), live: deleted },
      { kind: 'missing', entry: expect.anything() },
    ]);
  });

  it('adopts each live grant at most once when two entries could claim it', () => {
    const one = live();
    const pairings = pairGrants([entry(), entry()], [one]);
    expect(pairings.map((p) => p.kind)).toEqual(['live', 'new']);
  });
});

describe('planGrants (property)', () => {
  it('a license whose live grants are its entries, in any form and any grantee status, plans no grant change', () => {
    const entryArb = fc.record({
      name: fc.string({ minLength: 1, maxLength: 12 }),
      account: fc.stringMatching(/^\d{12}$/),
      operations: fc.shuffledSubarray(OPERATIONS, { minLength: 1 }),
      status: fc.constantFrom('PENDING_ACCEPT', 'ACTIVE', 'REJECTED', 'DISABLED'),
      reverse: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { selector: (e) => e.name, maxLength: 5 }), (specs) => {
        const entries = specs.map((s) =>
          entry({ GrantName: s.name, Principals: [`arn:aws:iam::${s.account}:root`], AllowedOperations: s.operations }),
        );
        const grants = specs.map((s, i) =>
          live({
            GrantName: s.name,
            GranteePrincipalArn: `arn:aws:iam::${s.account}:root`,
            GrantStatus: s.status,
            GrantedOperations: s.reverse ? [...s.operations].reverse() : s.operations,
            Version: String(i + 1),
          }),
        );
        const license: LicenseStep = {
          file: 'licenses/x.json',
          licenseArn: LICENSE,
          action: 'noop',
          patch: [],
          desired: { ...DOCUMENT, Grants: entries },
        };
        const steps = planGrants(license, { ok: true, grants });
        expect(steps.map((s) => s.action)).toEqual(entries.map(() => 'noop'));
        expect(steps.every((s) => s.adopted === true)).toBe(true);
      }),
    );
  });
});

describe('planGrants: ignore rules keep the live value, as for every kind', () => {
  const license = (grants: GrantEntry[]): LicenseStep => ({
    file: 'licenses/x.json',
    licenseArn: LICENSE,
    action: 'noop',
    patch: [],
    desired: { ...DOCUMENT, Grants: grants },
  });
  const options = { Options: { ActivationOverrideBehavior: 'ALL_GRANTED_PERMISSIONS_BY_ORGANIZATION' } };
  const liveOptions = { Options: { ActivationOverrideBehavior: 'DISTRIBUTED_GRANTS_ONLY' } };

  it('an ignored member that differs is no change, from the run or from a per-file rule', () => {
    const grant = live(liveOptions);
    const planned = (ignore: { ignore?: string[]; ignoreFor?: (file: string) => string[] }) =>
      planGrants(license([entry({ GrantArn: grant.GrantArn, ...options })]), { ok: true, grants: [grant] }, ignore);
    expect(planned({}).map((s) => s.action)).toEqual(['update']);
    expect(planned({ ignore: ['/Grants/*/Options'] }).map((s) => s.action)).toEqual(['noop']);
    expect(planned({ ignore: ['/Grants/acme-prod/Options/ActivationOverrideBehavior'] })[0]?.action).toBe('noop');
    const perFile = (file: string) => (file === 'licenses/x.json' ? ['/Grants/*/Options'] : []);
    expect(planned({ ignoreFor: perFile }).map((s) => s.action)).toEqual(['noop']);
    expect(planned({ ignoreFor: () => [] }).map((s) => s.action)).toEqual(['update']);
  });

  it('a list pointer keeps the live operations', () => {
    const grant = live({ GrantedOperations: ['CheckoutLicense'] });
    const steps = planGrants(
      license([entry({ GrantArn: grant.GrantArn })]),
      { ok: true, grants: [grant] },
      {
        ignore: ['/Grants/*/AllowedOperations/*'],
      },
    );
    expect(steps.map((s) => s.action)).toEqual(['noop']);
  });

  it('a change beside an ignored member sends the live value there, and the patch shows only the change', () => {
    const grant = live(liveOptions);
    const written = entry({ GrantArn: grant.GrantArn, ...options, AllowedOperations: ['CheckoutLicense'] });
    const [step] = planGrants(license([written]), { ok: true, grants: [grant] }, { ignore: ['/Grants/*/Options'] });
    expect(step?.action).toBe('update');
    expect(step?.patch).toEqual([
      { op: 'replace', path: '/Grants/acme-prod/AllowedOperations', value: ['CheckoutLicense'] },
    ]);
    expect(step?.grant.entry?.Options).toEqual(liveOptions.Options);
    expect(step?.grant.index).toBe(0);
    const request = grantVersionRequest(step!);
    expect(request).toMatchObject({ AllowedOperations: ['CheckoutLicense'], SourceVersion: '2' });
    expect(request).not.toHaveProperty('Options');
  });
});
