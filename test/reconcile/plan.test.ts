import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import { normalize } from '../../src/reconcile/normalize.js';
import { buildPlan, planLicense } from '../../src/reconcile/plan.js';
import type { LicenseDocument, LiveLicense, LiveRead, Manifest, Pairing, PlanStep } from '../../src/reconcile/types.js';
import { SAMPLE_ARN, sampleDocument } from './sample.js';
import {
  deepFreeze,
  documentAndEquivalentArb,
  equivalentFormArb,
  licenseDocumentArb,
  STATUSES,
} from './arbitraries.js';

const ARN = SAMPLE_ARN;

const document: LicenseDocument = sampleDocument();

const manifest = (doc: LicenseDocument = document, file = 'licenses/seats.json'): Manifest => ({ file, document: doc });

/** `document` as GetLicense returns it at version 3, with some members replaced. */
const live = (changes: Record<string, unknown> = {}): LiveLicense => ({
  ...structuredClone(document),
  Entitlements: [
    { Name: 'cores', MaxCount: '4', Unit: 'Count', Overage: false },
    { Name: 'seats', MaxCount: 10, Unit: 'Count' },
  ],
  Validity: { Begin: '2025-01-01T01:00:00.000+01:00' },
  Version: '3',
  CreateTime: '1735689600',
  Issuer: { Name: 'Issuer', KeyFingerprint: 'fp' },
  ...changes,
});

const ok = (license: LiveLicense): LiveRead => ({ ok: true, license });

const step = (read: LiveRead | undefined, doc = document, ignore?: string[]): PlanStep =>
  planLicense(deepFreeze({ manifest: manifest(doc), read }), ignore ? { ignore } : undefined);

describe('planLicense', () => {
  it('plans nothing when live matches in another form, noting the version compared', () => {
    expect(step(ok(live()))).toStrictEqual({
      file: 'licenses/seats.json',
      licenseArn: ARN,
      action: 'noop',
      sourceVersion: '3',
      sourceCreateTime: '2025-01-01T00:00:00.000Z',
      patch: [],
      desired: document,
    });
  });

  it('plans one update pinned to the observed Version', () => {
    const changed = {
      ...document,
      Entitlements: [
        { Name: 'seats', MaxCount: 11, Unit: 'Count' },
        { Name: 'cores', MaxCount: 4, Unit: 'Count' },
      ],
    };
    const result = step(ok(live()), changed);
    expect(result).toStrictEqual({
      file: 'licenses/seats.json',
      licenseArn: ARN,
      action: 'update',
      sourceVersion: '3',
      sourceCreateTime: '2025-01-01T00:00:00.000Z',
      patch: [{ op: 'replace', path: '/Entitlements/seats/MaxCount', value: 11 }],
      observed: normalize(live()),
      desired: changed,
    });
    expect(result.desired).toBe(changed);
  });

  it('treats a change of Status alone as an update', () => {
    const result = step(ok(live({ Status: 'DEACTIVATED' })));
    expect(result.action).toBe('update');
    expect(result.patch).toStrictEqual([{ op: 'replace', path: '/Status', value: 'AVAILABLE' }]);
  });

  it('applies ignore rules', () => {
    const drifted = live({
      Entitlements: [
        { Name: 'seats', MaxCount: 99, Unit: 'Count' },
        { Name: 'cores', MaxCount: 4, Unit: 'Count' },
      ],
    });
    expect(step(ok(drifted)).action).toBe('update');
    expect(step(ok(drifted), document, ['/Entitlements/seats/MaxCount']).action).toBe('noop');
  });

  type ErrorRow = [name: string, read: LiveRead | undefined, code: string, message: RegExp];
  const errorRows: ErrorRow[] = [
    ['a license that was not read', undefined, 'READ_FAILED', /not read/],
    ['a deleted license', ok(live({ Status: 'DELETED' })), 'DELETED', /DELETED/],
    ['a license pending deletion', ok(live({ Status: 'PENDING_DELETE' })), 'DELETED', /PENDING_DELETE/],
    [
      'another HomeRegion',
      ok(live({ HomeRegion: 'eu-west-1' })),
      'IMMUTABLE',
      /^HomeRegion can't be changed by a new version: live is eu-west-1, manifest says us-east-1\. .*needs a new license: add a manifest without LicenseArn .*--prune$/,
    ],
    ['a live license without Version', ok(live({ Version: undefined })), 'READ_FAILED', /no Version/],
    ['a live license with an empty Version', ok(live({ Version: '' })), 'READ_FAILED', /no Version/],
  ];

  it.each(errorRows)('gives an error step for %s', (_name, read, code, message) => {
    const result = step(read);
    expect(result).toMatchObject({
      action: 'error',
      file: 'licenses/seats.json',
      licenseArn: ARN,
      patch: [],
      desired: document,
    });
    expect(result.error).toMatchObject({ code, file: 'licenses/seats.json', licenseArn: ARN });
    expect(result.error?.message).toMatch(message);
    expect(result.sourceVersion).toBeUndefined();
  });

  it('passes a failed read through, with the file and ARN filled in', () => {
    const error = licenseError('ACCESS_DENIED', 'not allowed to read the license', { cause: 'AccessDeniedException' });
    const result = step({ ok: false, error });
    expect(result.action).toBe('error');
    expect(result.error).toStrictEqual({ ...error, file: 'licenses/seats.json', licenseArn: ARN });
  });

  it('keeps a subject the read error already names', () => {
    const error = licenseError('NOT_FOUND', 'no such license', { licenseArn: 'arn:other', file: 'other.json' });
    expect(step({ ok: false, error }).error).toMatchObject({ licenseArn: 'arn:other', file: 'other.json' });
  });
});

describe('buildPlan', () => {
  it('keeps manifest order and counts each action', () => {
    const other = { ...document, LicenseArn: `${ARN}-b`, Status: 'SUSPENDED' };
    const pairings: Pairing[] = [
      { manifest: manifest(other, 'b.json'), read: ok(live({ LicenseArn: `${ARN}-b` })) },
      { manifest: manifest(document, 'a.json'), read: ok(live()) },
      { manifest: manifest(document, 'c.json'), read: undefined },
      { manifest: manifest(document, 'd.json'), read: ok(live()) },
    ];
    const plan = buildPlan(deepFreeze(pairings));
    expect(plan.steps.map((s) => [s.file, s.action])).toStrictEqual([
      ['b.json', 'update'],
      ['a.json', 'noop'],
      ['c.json', 'error'],
      ['d.json', 'noop'],
    ]);
    expect(plan.summary).toStrictEqual({ create: 0, update: 1, delete: 0, noop: 2, error: 1 });
  });

  it('passes ignore rules to every step', () => {
    const pairings: Pairing[] = [{ manifest: manifest(), read: ok(live({ Status: 'DEACTIVATED' })) }];
    expect(buildPlan(pairings).summary.update).toBe(1);
    expect(buildPlan(pairings, { ignore: ['/Status'] }).summary).toStrictEqual({
      create: 0,
      update: 0,
      delete: 0,
      noop: 1,
      error: 0,
    });
  });

  it('gives an empty plan for no manifests', () => {
    expect(buildPlan([])).toStrictEqual({ steps: [], summary: { create: 0, update: 0, delete: 0, noop: 0, error: 0 } });
  });
});

/** A single real change to a document, and the patch path it must show up at. */
type Change = (doc: LicenseDocument) => { doc: LicenseDocument; path: string } | undefined;

const escape = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

const changes: Record<string, Change> = {
  'MaxCount + 1': (doc) => {
    const target = doc.Entitlements[0];
    if (!target) return undefined;
    const Entitlements = doc.Entitlements.map((e) => (e === target ? { ...e, MaxCount: (e.MaxCount ?? 0) + 1 } : e));
    return { doc: { ...doc, Entitlements }, path: `/Entitlements/${escape(target.Name)}` };
  },
  'another Status': (doc) => {
    const Status = STATUSES.find((s) => s !== doc.Status) ?? 'AVAILABLE';
    return { doc: { ...doc, Status }, path: '/Status' };
  },
  'an entitlement removed': (doc) => {
    const [first, ...rest] = doc.Entitlements;
    return first && { doc: { ...doc, Entitlements: rest }, path: `/Entitlements/${escape(first.Name)}` };
  },
  'an entitlement added': (doc) => {
    const Name = doc.Entitlements.map((e) => e.Name).join('+') + '+new';
    return {
      doc: { ...doc, Entitlements: [...doc.Entitlements, { Name, Unit: 'Count' }] },
      path: `/Entitlements/${escape(Name)}`,
    };
  },
  'Validity.Begin a second later': (doc) => {
    const Begin = new Date(Date.parse(doc.Validity.Begin) + 1000).toISOString();
    return { doc: { ...doc, Validity: { ...doc.Validity, Begin } }, path: '/Validity/Begin' };
  },
  'Overage flipped': (doc) => {
    const target = doc.Entitlements[0];
    if (!target) return undefined;
    const Entitlements = doc.Entitlements.map((e) => (e === target ? { ...e, Overage: !e.Overage } : e));
    return { doc: { ...doc, Entitlements }, path: `/Entitlements/${escape(target.Name)}` };
  },
  'a metadata value changed': (doc) => {
    const [first, ...rest] = doc.LicenseMetadata ?? [];
    return (
      first && {
        doc: { ...doc, LicenseMetadata: [{ ...first, Value: `${first.Value}!` }, ...rest] },
        path: `/LicenseMetadata/${escape(first.Name)}`,
      }
    );
  },
  'LicenseName changed': (doc) => ({ doc: { ...doc, LicenseName: `${doc.LicenseName}!` }, path: '/LicenseName' }),
};

describe('planLicense properties', () => {
  it('plans a noop for any equivalent live form', () => {
    fc.assert(
      fc.property(documentAndEquivalentArb, ([doc, form]) => {
        const result = step(ok({ ...form, Version: '5' }), doc);
        expect(result.action).toBe('noop');
        expect(result.patch).toStrictEqual([]);
      }),
    );
  });

  it.each(Object.entries(changes))('detects %s as one pinned update', (_name, change) => {
    const arb = licenseDocumentArb
      .map((doc) => ({ doc, changed: change(doc) }))
      .filter((x): x is { doc: LicenseDocument; changed: NonNullable<ReturnType<Change>> } => x.changed !== undefined)
      .chain(({ doc, changed }) => fc.tuple(fc.constant(changed), equivalentFormArb(doc)));
    fc.assert(
      fc.property(arb, ([changed, form]) => {
        const result = step(ok({ ...form, Version: '5' }), changed.doc);
        expect(result.action).toBe('update');
        expect(result.sourceVersion).toBe('5');
        expect(result.patch.length).toBeGreaterThan(0);
        expect(result.patch.every((op) => op.path === changed.path || op.path.startsWith(`${changed.path}/`))).toBe(
          true,
        );
      }),
    );
  });
});
