import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { checkIgnore, diff, parsePointer } from '../../src/reconcile/diff.js';
import { normalize, sortKeys } from '../../src/reconcile/normalize.js';
import type { Comparable, LicenseDocument, Operation } from '../../src/reconcile/types.js';
import { deepFreeze, documentAndEquivalentArb, licenseDocumentArb } from './arbitraries.js';
import { sampleDocument } from './sample.js';

const base: LicenseDocument = sampleDocument({ LicenseMetadata: [{ Name: 'LastAudit', Value: '2025-01-01' }] });

/** `base` with some members replaced. */
function variant(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...structuredClone(base), ...changes };
}

const entitlements = (...list: Record<string, unknown>[]) => ({ Entitlements: list });
const seats = { Name: 'seats', MaxCount: 10, Unit: 'Count' };
const cores = { Name: 'cores', MaxCount: 4, Unit: 'Count' };

type Row = [
  name: string,
  live: Record<string, unknown>,
  desired: Record<string, unknown>,
  ignore: string[],
  expected: Operation[],
];

const rows: Row[] = [
  ['identical documents', variant({}), variant({}), [], []],
  ['reordered entitlements', variant(entitlements(cores, seats)), variant({}), [], []],
  ['omitted Overage vs false', variant(entitlements({ ...seats, Overage: false }, cores)), variant({}), [], []],
  [
    'omitted LicenseMetadata vs []',
    variant({ LicenseMetadata: [] }),
    { ...variant({}), LicenseMetadata: undefined },
    [],
    [],
  ],
  [
    'omitted ConsumptionConfiguration vs {}',
    variant({ ConsumptionConfiguration: {} }),
    variant({ ConsumptionConfiguration: undefined }),
    [],
    [],
  ],
  ['Z vs .000Z', variant({ Validity: { Begin: '2025-01-01T00:00:00.000Z' } }), variant({}), [], []],
  ['Z vs +01:00', variant({ Validity: { Begin: '2025-01-01T01:00:00+01:00' } }), variant({}), [], []],
  [
    'server members on live only',
    variant({
      Version: '7',
      CreateTime: '1735689600',
      ProductSKU: 'sku',
      Beneficiary: 'b',
      Issuer: { Name: 'Issuer', KeyFingerprint: 'fp' },
    }),
    variant({}),
    [],
    [],
  ],
  ['MaxCount as a numeric string', variant(entitlements({ ...seats, MaxCount: '10' }, cores)), variant({}), [], []],
  [
    'a changed MaxCount',
    variant({}),
    variant(entitlements({ ...seats, MaxCount: 11 }, cores)),
    [],
    [{ op: 'replace', path: '/Entitlements/seats/MaxCount', value: 11 }],
  ],
  [
    'an added entitlement',
    variant({}),
    variant(entitlements(seats, cores, { Name: 'gpus', MaxCount: 1, Unit: 'Count' })),
    [],
    [
      {
        op: 'add',
        path: '/Entitlements/gpus',
        value: { AllowCheckIn: false, MaxCount: 1, Overage: false, Unit: 'Count' },
      },
    ],
  ],
  [
    'a removed entitlement',
    variant({}),
    variant(entitlements(seats)),
    [],
    [{ op: 'remove', path: '/Entitlements/cores' }],
  ],
  [
    'a changed Status',
    variant({}),
    variant({ Status: 'SUSPENDED' }),
    [],
    [{ op: 'replace', path: '/Status', value: 'SUSPENDED' }],
  ],
  [
    'an End added',
    variant({}),
    variant({ Validity: { Begin: '2025-01-01T00:00:00Z', End: '2026-01-01T00:00:00+00:00' } }),
    [],
    [{ op: 'add', path: '/Validity/End', value: '2026-01-01T00:00:00.000Z' }],
  ],
  [
    'an ignored metadata value',
    variant({ LicenseMetadata: [{ Name: 'LastAudit', Value: '2025-06-01' }] }),
    variant({}),
    ['/LicenseMetadata/LastAudit'],
    [],
  ],
  [
    'an ignored metadata entry present on one side only',
    variant({ LicenseMetadata: [] }),
    variant({}),
    ['/LicenseMetadata/LastAudit'],
    [],
  ],
  [
    'a wildcard ignore over every entitlement',
    variant(entitlements({ ...seats, MaxCount: 1 }, { ...cores, MaxCount: 2 })),
    variant({}),
    ['/Entitlements/*/MaxCount'],
    [],
  ],
  [
    'an ignore rule leaves other differences',
    variant(entitlements({ ...seats, MaxCount: 1 }, cores)),
    variant({ Status: 'SUSPENDED' }),
    ['/Entitlements/seats/MaxCount'],
    [{ op: 'replace', path: '/Status', value: 'SUSPENDED' }],
  ],
  [
    'a name with / and ~ in it',
    variant(entitlements(seats, cores, { Name: 'vcpu/h~1', MaxCount: 1, Unit: 'Count' })),
    variant(entitlements(seats, cores, { Name: 'vcpu/h~1', MaxCount: 2, Unit: 'Count' })),
    [],
    [{ op: 'replace', path: '/Entitlements/vcpu~1h~01/MaxCount', value: 2 }],
  ],
  [
    'an ignore rule for a name with / in it',
    variant(entitlements(seats, cores, { Name: 'vcpu/h', MaxCount: 1, Unit: 'Count' })),
    variant(entitlements(seats, cores, { Name: 'vcpu/h', MaxCount: 2, Unit: 'Count' })),
    ['/Entitlements/vcpu~1h/MaxCount'],
    [],
  ],
];

describe('diff', () => {
  it.each(rows)('%s', (_name, live, desired, ignore, expected) => {
    const observed = deepFreeze(normalize(live));
    const wanted = deepFreeze(normalize(desired as unknown as LicenseDocument));
    expect(diff(observed, wanted, ignore)).toStrictEqual(expected);
  });

  it('handles an entitlement named __proto__ as data', () => {
    const named = (MaxCount: number) =>
      normalize(
        JSON.parse(
          JSON.stringify(variant(entitlements({ Name: '__proto__', MaxCount, Unit: 'Count' }))),
        ) as LicenseDocument,
      );
    expect(diff(named(1), named(2))).toStrictEqual([
      { op: 'replace', path: '/Entitlements/__proto__/MaxCount', value: 2 },
    ]);
    expect(diff(named(1), named(2), ['/Entitlements/__proto__'])).toStrictEqual([]);
  });

  it('ignores a pointer that matches nothing', () => {
    expect(diff({ a: 1 }, { a: 2 }, ['/b/c', '/a/deeper'])).toStrictEqual([{ op: 'replace', path: '/a', value: 2 }]);
  });

  it('treats the empty pointer as the whole document', () => {
    expect(diff({ a: 1 }, { a: 2 }, [''])).toStrictEqual([]);
  });

  it('matches array items by index and by wildcard', () => {
    expect(diff({ l: [1, 2] }, { l: [1, 3] }, ['/l/1'])).toStrictEqual([]);
    expect(diff({ l: [{ x: 1 }] }, { l: [{ x: 2 }] }, ['/l/*/x'])).toStrictEqual([]);
  });

  it('throws a USAGE error for a malformed pointer', () => {
    expect(() => diff({}, {}, ['Entitlements/seats'])).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});

describe('parsePointer and checkIgnore', () => {
  it.each([
    ['', []],
    ['/', ['']],
    ['/a/b', ['a', 'b']],
    ['/a~1b/c~0d', ['a/b', 'c~d']],
    ['/~01', ['~1']],
    ['/*', ['*']],
  ])('parses %j', (pointer, segments) => {
    expect(parsePointer(pointer)).toStrictEqual(segments);
  });

  it.each(['a', 'a/b', '/a~2', '/a~'])('rejects %j', (pointer) => {
    expect(parsePointer(pointer)).toBeUndefined();
  });

  it('reports each malformed pointer as a USAGE error', () => {
    const errors = checkIgnore(['/ok', 'bad', '/also~0ok~1']);
    expect(errors.map((e) => e.code)).toStrictEqual(['USAGE']);
    expect(errors[0]?.message).toContain('"bad"');
  });
});

const namesProto = (doc: LicenseDocument): boolean =>
  [...doc.Entitlements, ...(doc.LicenseMetadata ?? [])].some((item) => item.Name === '__proto__');

const applied = (observed: Comparable, patch: Operation[]): unknown =>
  jsonpatch.applyPatch(structuredClone(observed), patch, true, false).newDocument;

describe('diff properties', () => {
  it('finds no drift between a document and any equivalent form of it', () => {
    fc.assert(
      fc.property(documentAndEquivalentArb, ([doc, live]) => {
        expect(diff(normalize(live), normalize(doc))).toStrictEqual([]);
        expect(diff(normalize(doc), normalize(live))).toStrictEqual([]);
      }),
    );
  });

  it('gives a patch that turns observed into desired, without touching either', () => {
    fc.assert(
      fc.property(licenseDocumentArb, licenseDocumentArb, (a, b) => {
        // A JavaScript patch applier can't add a member named __proto__ (it would set the
        // prototype; fast-json-patch refuses). diff itself handles the name: see the table above.
        fc.pre(![a, b].some(namesProto));
        const observed = deepFreeze(normalize(a));
        const desired = deepFreeze(normalize(b));
        // Compared as canonical JSON (a patch appends added keys): toStrictEqual
        // misreads an entitlement named "constructor" as a class.
        const result = sortKeys(applied(observed, diff(observed, desired)) as Comparable);
        expect(JSON.stringify(result)).toBe(JSON.stringify(desired));
      }),
    );
  });

  it('never reports an ignored path', () => {
    fc.assert(
      fc.property(licenseDocumentArb, licenseDocumentArb, (a, b) => {
        const patch = diff(normalize(a), normalize(b), ['/Entitlements', '/Status']);
        expect(patch.filter((op) => op.path.startsWith('/Entitlements') || op.path === '/Status')).toStrictEqual([]);
      }),
    );
  });
});
