import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import {
  canonicalInstants,
  defaultEmptyCollections,
  defaultFalseBooleans,
  dropNulls,
  dropServerMembers,
  keyListsByName,
  normalize,
  NORMALIZERS,
  parseNumericStrings,
  sortKeys,
  toCanonicalInstant,
  type Normalizer,
} from '../../src/reconcile/normalize.js';
import type { Comparable, LicenseDocument } from '../../src/reconcile/types.js';
import { deepFreeze, documentAndEquivalentArb, licenseDocumentArb } from './arbitraries.js';
import { sampleDocument } from './sample.js';

type Row = [name: string, input: Comparable, expected: Comparable];

const tables: [Normalizer, Row[]][] = [
  [
    dropNulls,
    [
      ['drops null members', { a: null, b: 1 }, { b: 1 }],
      ['drops nested null members', { Validity: { Begin: 'x', End: null } }, { Validity: { Begin: 'x' } }],
      [
        'drops null list items',
        { Entitlements: [null, { Name: 'a', Value: null }] },
        { Entitlements: [{ Name: 'a' }] },
      ],
      ['drops undefined members', { a: undefined, b: 1 }, { b: 1 }],
      ['keeps false, 0 and empty strings', { a: false, b: 0, c: '' }, { a: false, b: 0, c: '' }],
    ],
  ],
  [
    dropServerMembers,
    [
      [
        'drops GetLicense-only members and $schema',
        {
          Version: '2',
          CreateTime: '1',
          ProductSKU: 's',
          Beneficiary: 'b',
          LicenseArn: 'arn',
          $schema: 'x',
          Status: 'AVAILABLE',
        },
        { Status: 'AVAILABLE' },
      ],
      [
        'drops Issuer.KeyFingerprint only',
        { Issuer: { Name: 'n', KeyFingerprint: 'k', SignKey: 's' } },
        { Issuer: { Name: 'n', SignKey: 's' } },
      ],
      ['leaves a document without them alone', { LicenseName: 'l' }, { LicenseName: 'l' }],
    ],
  ],
  [
    defaultFalseBooleans,
    [
      [
        'fills omitted entitlement booleans with false',
        { Entitlements: [{ Name: 'a' }, { Name: 'b', Overage: true }] },
        {
          Entitlements: [
            { Name: 'a', Overage: false, AllowCheckIn: false },
            { Name: 'b', Overage: true, AllowCheckIn: false },
          ],
        },
      ],
      [
        'fills BorrowConfiguration.AllowEarlyCheckIn',
        { ConsumptionConfiguration: { BorrowConfiguration: { MaxTimeToLiveInMinutes: 5 } } },
        { ConsumptionConfiguration: { BorrowConfiguration: { MaxTimeToLiveInMinutes: 5, AllowEarlyCheckIn: false } } },
      ],
      [
        'keeps true',
        { Entitlements: [{ Name: 'a', Overage: true, AllowCheckIn: true }] },
        { Entitlements: [{ Name: 'a', Overage: true, AllowCheckIn: true }] },
      ],
      ['adds nothing where there is no list or configuration', { Status: 'x' }, { Status: 'x' }],
    ],
  ],
  [
    defaultEmptyCollections,
    [
      [
        'fills omitted lists and configuration',
        { Status: 'x' },
        { Status: 'x', LicenseMetadata: [], Entitlements: [], ConsumptionConfiguration: {} },
      ],
      [
        'keeps present ones',
        {
          LicenseMetadata: [{ Name: 'a', Value: 'b' }],
          Entitlements: [],
          ConsumptionConfiguration: { RenewType: 'None' },
        },
        {
          LicenseMetadata: [{ Name: 'a', Value: 'b' }],
          Entitlements: [],
          ConsumptionConfiguration: { RenewType: 'None' },
        },
      ],
    ],
  ],
  [
    parseNumericStrings,
    [
      [
        'parses MaxCount',
        { Entitlements: [{ Name: 'a', MaxCount: '10' }] },
        { Entitlements: [{ Name: 'a', MaxCount: 10 }] },
      ],
      [
        'parses MaxTimeToLiveInMinutes',
        {
          ConsumptionConfiguration: {
            ProvisionalConfiguration: { MaxTimeToLiveInMinutes: '60' },
            BorrowConfiguration: { MaxTimeToLiveInMinutes: '1.5' },
          },
        },
        {
          ConsumptionConfiguration: {
            ProvisionalConfiguration: { MaxTimeToLiveInMinutes: 60 },
            BorrowConfiguration: { MaxTimeToLiveInMinutes: 1.5 },
          },
        },
      ],
      [
        'leaves non-numeric strings',
        { Entitlements: [{ Name: 'a', MaxCount: '10 seats' }] },
        { Entitlements: [{ Name: 'a', MaxCount: '10 seats' }] },
      ],
      [
        'leaves string members that are strings by contract',
        { Entitlements: [{ Name: 'a', Value: '10' }] },
        { Entitlements: [{ Name: 'a', Value: '10' }] },
      ],
    ],
  ],
  [
    canonicalInstants,
    [
      [
        'adds milliseconds',
        { Validity: { Begin: '2025-01-01T00:00:00Z' } },
        { Validity: { Begin: '2025-01-01T00:00:00.000Z' } },
      ],
      [
        'moves an offset to UTC',
        { Validity: { Begin: '2025-01-01T01:00:00+01:00', End: '2024-12-31T19:30:00-04:30' } },
        { Validity: { Begin: '2025-01-01T00:00:00.000Z', End: '2025-01-01T00:00:00.000Z' } },
      ],
      [
        'truncates below milliseconds',
        { Validity: { Begin: '2025-01-01T00:00:00.123456Z' } },
        { Validity: { Begin: '2025-01-01T00:00:00.123Z' } },
      ],
      ['leaves an unparseable string', { Validity: { Begin: 'soon' } }, { Validity: { Begin: 'soon' } }],
    ],
  ],
  [
    keyListsByName,
    [
      [
        'keys both lists by Name',
        { Entitlements: [{ Name: 'seats', MaxCount: 1 }], LicenseMetadata: [{ Name: 'team', Value: 'x' }] },
        { Entitlements: { seats: { MaxCount: 1 } }, LicenseMetadata: { team: { Value: 'x' } } },
      ],
      [
        'keeps names with / and ~',
        { Entitlements: [{ Name: 'a/b~c', Unit: 'Count' }] },
        { Entitlements: { 'a/b~c': { Unit: 'Count' } } },
      ],
      [
        'leaves a list with a duplicate name as a list',
        { Entitlements: [{ Name: 'a' }, { Name: 'a' }] },
        { Entitlements: [{ Name: 'a' }, { Name: 'a' }] },
      ],
      [
        'leaves a list with an unnamed item as a list',
        { Entitlements: [{ Unit: 'Count' }] },
        { Entitlements: [{ Unit: 'Count' }] },
      ],
    ],
  ],
];

describe.each(tables.map(([normalizer, rows]) => [normalizer.name, normalizer, rows] as const))(
  '%s',
  (_name, normalizer, rows) => {
    it.each(rows)('%s', (_name, input, expected) => {
      expect(normalizer(deepFreeze(structuredClone(input)))).toStrictEqual(expected);
    });
  },
);

describe('sortKeys', () => {
  it('orders keys recursively, leaving array order alone', () => {
    const sorted = sortKeys({ b: 1, a: { d: [{ z: 1, y: 2 }, 3], c: 2 } });
    expect(JSON.stringify(sorted)).toBe('{"a":{"c":2,"d":[{"y":2,"z":1},3]},"b":1}');
  });

  it('keeps a key named __proto__ as data', () => {
    const input = JSON.parse('{"Entitlements":[{"Name":"__proto__","Unit":"Count"}]}') as Comparable;
    const keyed = sortKeys(keyListsByName(input));
    expect(Object.keys(keyed.Entitlements as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(keyed.Entitlements)).toBe(Object.prototype);
  });
});

describe('toCanonicalInstant', () => {
  it.each([
    ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01T01:00:00+01:00', '2025-01-01T00:00:00.000Z'],
    ['2025-01-01t00:00:00.5z', '2025-01-01T00:00:00.500Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(toCanonicalInstant(input)).toBe(expected);
  });

  it.each([
    ['no offset (local time is ambiguous)', '2025-01-01T00:00:00'],
    ['February 30', '2025-02-30T00:00:00Z'],
    ['hour 24', '2025-01-01T24:00:00Z'],
    ['a leap second', '2025-01-01T23:59:60Z'],
    ['an offset beyond 23:59', '2025-01-01T00:00:00+24:00'],
    ['a date only', '2025-01-01'],
    ['free text', 'tomorrow'],
  ])('leaves %s as is', (_why, input) => {
    expect(toCanonicalInstant(input)).toBe(input);
  });

  it('leaves non-strings as they are', () => {
    expect(toCanonicalInstant(5)).toBe(5);
  });

  it('agrees with Date arithmetic on every field combination, valid or not', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    // Date's own calendar, field by field: the reference the fast path must match.
    const reference = (f: number[], sign: string, oh: number, om: number): string | undefined => {
      const [year, month, day, hour, minute, second, millis] = f as [
        number,
        number,
        number,
        number,
        number,
        number,
        number,
      ];
      const wall = new Date(0);
      wall.setUTCFullYear(year, month - 1, day);
      wall.setUTCHours(hour, minute, second, millis);
      const kept = [
        wall.getUTCFullYear(),
        wall.getUTCMonth() + 1,
        wall.getUTCDate(),
        wall.getUTCHours(),
        wall.getUTCMinutes(),
        wall.getUTCSeconds(),
      ];
      if (kept.some((v, i) => v !== f[i]) || oh > 23 || om > 59) return undefined;
      const offset = sign === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (oh * 60 + om);
      return new Date(wall.getTime() - offset * 60_000).toISOString();
    };
    fc.assert(
      fc.property(
        fc.tuple(
          fc.oneof(
            fc.integer({ min: 0, max: 99 }),
            fc.integer({ min: 1800, max: 2400 }),
            fc.constantFrom(0, 1900, 2000, 2100, 9999),
          ),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 24 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 60 }),
          fc.integer({ min: 0, max: 999 }),
        ),
        fc.constantFrom('Z', '+', '-'),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        (fields, sign, oh, om) => {
          const [y, mo, d, h, mi, s, ms] = fields;
          const zone = sign === 'Z' ? 'Z' : `${sign}${two(oh)}:${two(om)}`;
          const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}.${String(ms).padStart(3, '0')}${zone}`;
          expect(toCanonicalInstant(text)).toBe(reference(fields, sign, oh, om) ?? text);
        },
      ),
    );
  });
});

const manifest: LicenseDocument = sampleDocument({
  Entitlements: [
    { Name: 'seats', MaxCount: 10, Unit: 'Count' },
    { Name: 'cores', MaxCount: 4, Unit: 'Count', Overage: true },
  ],
});

describe('normalize', () => {
  it('writes a manifest in the keyed, defaulted, canonical form', () => {
    expect(normalize(manifest)).toStrictEqual({
      ConsumptionConfiguration: { RenewType: 'None' },
      Entitlements: {
        cores: { AllowCheckIn: false, MaxCount: 4, Overage: true, Unit: 'Count' },
        seats: { AllowCheckIn: false, MaxCount: 10, Overage: false, Unit: 'Count' },
      },
      HomeRegion: 'us-east-1',
      Issuer: { Name: 'Issuer' },
      LicenseMetadata: {},
      LicenseName: 'Seats',
      ProductName: 'Product',
      Status: 'AVAILABLE',
      Validity: { Begin: '2025-01-01T00:00:00.000Z' },
    });
  });

  it('gives the same JSON for a live license in another form', () => {
    const live = {
      Version: '3',
      CreateTime: '1735689600',
      Status: 'AVAILABLE',
      Entitlements: [
        { Unit: 'Count', Overage: true, MaxCount: '4', Name: 'cores', AllowCheckIn: null },
        { Name: 'seats', MaxCount: 10, Unit: 'Count', Overage: false },
      ],
      LicenseMetadata: null,
      Validity: { Begin: '2025-01-01T01:00:00.000+01:00', End: null },
      Issuer: { KeyFingerprint: 'fp', Name: 'Issuer' },
      HomeRegion: 'us-east-1',
      ProductName: 'Product',
      LicenseName: 'Seats',
      ConsumptionConfiguration: { RenewType: 'None' },
      Beneficiary: 'b',
      ProductSKU: 'sku',
    };
    expect(JSON.stringify(normalize(live))).toBe(JSON.stringify(normalize(manifest)));
  });

  it('runs every exported normalizer, sortKeys last', () => {
    expect(NORMALIZERS).toHaveLength(9);
    expect(NORMALIZERS.at(-1)).toBe(sortKeys);
  });

  it('leaves Grants out of the license: they are reconciled grant by grant', () => {
    const grants = [
      { GrantName: 'g', Principals: ['arn:aws:iam::111122223333:root'], AllowedOperations: ['CreateToken'] },
    ];
    expect(normalize({ ...manifest, Grants: grants })).toEqual(normalize(manifest));
  });

  it('shares no object with its input', () => {
    const input = structuredClone(manifest);
    const output = normalize(input);
    (output.Issuer as { Name: string }).Name = 'changed';
    (output.Validity as { Begin: string }).Begin = 'changed';
    expect(input).toStrictEqual(manifest);
  });
});

describe('normalize properties', () => {
  /** Documents of any shape, with the names the quirks look for in odd places and of odd types. */
  const NAMES = [
    'LicenseArn',
    'Version',
    '$schema',
    'Grants',
    'Issuer',
    'KeyFingerprint',
    'Entitlements',
    'LicenseMetadata',
    'ConsumptionConfiguration',
    'BorrowConfiguration',
    'ProvisionalConfiguration',
    'MaxTimeToLiveInMinutes',
    'AllowEarlyCheckIn',
    'Overage',
    'AllowCheckIn',
    'MaxCount',
    'Validity',
    'Begin',
    'End',
    'Name',
    'Value',
    '__proto__',
    'toString',
    'a',
  ];
  const { doc: anyDocArb } = fc.letrec<{ value: unknown; doc: Record<string, unknown> }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(
        null,
        undefined,
        '10',
        '1.5',
        'x',
        '2025-01-01T01:00:00+01:00',
        '2025-01-01T00:00:00.000Z',
        3,
        true,
        false,
      ),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.array(fc.record({ Name: fc.constantFrom('a', 'b', '__proto__', 'constructor'), MaxCount: tie('value') }), {
        maxLength: 3,
      }),
      tie('doc'),
    ),
    doc: fc.dictionary(fc.constantFrom(...NAMES), tie('value'), { maxKeys: 6 }),
  }));
  const parse = (text: string) => JSON.parse(text) as Comparable;
  /** The same comparable form: canonical JSON, since normalize sorts every object's keys. */
  const sameComparable = (a: unknown, b: unknown) =>
    JSON.stringify(normalize(a as LicenseDocument)) === JSON.stringify(normalize(b as LicenseDocument));

  it('tells documents apart by the names of their members, not only by the values', () => {
    const doc = sampleDocument();
    const renamed = { ...doc, LicenseNamf: doc.LicenseName } as Record<string, unknown>;
    delete renamed.LicenseName;
    expect(sameComparable(doc, renamed as unknown as LicenseDocument)).toBe(false);
    expect(sameComparable(doc, structuredClone(doc))).toBe(true);
  });

  it.each([
    ['entitlements of other names', { Entitlements: [{ Name: 'b', Unit: 'Count' }] }],
    ['a list one item shorter', { Issuer: { Name: 'Issuer', Extra: [1] } }],
    ['a list one item longer', { Issuer: { Name: 'Issuer', Extra: [1, 2, 3] } }],
  ])('tells apart %s', (_what, change) => {
    const doc = sampleDocument({ Entitlements: [{ Name: 'a', Unit: 'Count' }] });
    const base = { ...doc, Issuer: { Name: 'Issuer', Extra: [1, 2] } } as unknown as LicenseDocument;
    expect(sameComparable(base, { ...base, ...change } as unknown as LicenseDocument)).toBe(false);
    expect(sameComparable(base, structuredClone(base))).toBe(true);
  });

  it('matches long keyed lists by name, in any order', () => {
    const entitlements = Array.from({ length: 40 }, (_, i) => ({ Name: `e${i}`, Unit: 'Count', MaxCount: i }));
    const doc = sampleDocument({ Entitlements: entitlements });
    const reversed = sampleDocument({ Entitlements: [...entitlements].reverse() });
    const renamed = sampleDocument({
      Entitlements: [...entitlements.slice(1), { ...entitlements[0]!, Name: 'other' }],
    });
    const changed = sampleDocument({ Entitlements: [...entitlements.slice(1), { ...entitlements[0]!, MaxCount: 99 }] });
    expect(sameComparable(doc, reversed)).toBe(true);
    expect(sameComparable(doc, renamed)).toBe(false);
    expect(sameComparable(doc, changed)).toBe(false);
  });

  it('finds two documents the same exactly when the patch between their comparable forms is empty', () => {
    // Pairs that are the same, pairs that differ a little (a member changed, dropped or nulled) and pairs of anything.
    const tweak = (doc: Comparable, key: string, value: unknown) => parse(JSON.stringify({ ...doc, [key]: value }));
    const pair = fc.oneof(
      documentAndEquivalentArb.map(([doc, live]): [unknown, unknown] => [doc, live]),
      fc
        .tuple(documentAndEquivalentArb, fc.constantFrom(...NAMES), fc.constantFrom(null, 0, '10', [], {}, 'x'))
        .map(([[doc, live], key, value]): [unknown, unknown] => [doc, tweak(live as Comparable, key, value)]),
      fc.tuple(anyDocArb, anyDocArb),
      // Long keyed lists (indexed by name past sixteen items), in another order, perhaps with one item changed.
      fc
        .tuple(
          fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 17, maxLength: 24 }),
          fc.integer({ min: 0, max: 23 }),
          fc.constantFrom('same', 'renamed', 'recounted'),
        )
        .map(([names, at, how]): [unknown, unknown] => {
          const items = names.map((Name, i) => ({ Name, Unit: 'Count', MaxCount: i }));
          const other = [...items]
            .reverse()
            .map((item, i) =>
              i !== at % items.length
                ? item
                : how === 'renamed'
                  ? { ...item, Name: `${item.Name}!` }
                  : how === 'recounted'
                    ? { ...item, MaxCount: -1 }
                    : item,
            );
          return [{ Entitlements: items }, { Entitlements: other }];
        }),
      // A list the walk keys by name against the object it becomes, written out.
      documentAndEquivalentArb.map(([doc]): [unknown, unknown] => {
        const keyed = Object.fromEntries(doc.Entitlements.map(({ Name, ...rest }) => [Name, rest]));
        return [doc, parse(JSON.stringify({ ...doc, Entitlements: keyed }))];
      }),
      anyDocArb.map((doc): [unknown, unknown] => [doc, parse(JSON.stringify(doc) ?? '{}')]),
    );
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const [left, right] = [parse(JSON.stringify(a) ?? '{}'), parse(JSON.stringify(b) ?? '{}')];
        const empty = jsonpatch.compare(normalize(left), normalize(right)).length === 0;
        expect(sameComparable(left, right)).toBe(empty);
      }),
      { numRuns: 500 },
    );
  });

  it('gives in one walk what the normalizers give one after another, whatever the shape', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyDocArb,
          documentAndEquivalentArb.map(([, live]) => live as Comparable),
        ),
        (doc) => {
          // Through JSON, so a member named __proto__ is data in both documents.
          const input = parse(JSON.stringify(doc) ?? '{}');
          const stepwise = NORMALIZERS.reduce((acc, step) => step(acc), input);
          expect(JSON.stringify(normalize(input))).toBe(JSON.stringify(stepwise));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never mutates its input', () => {
    fc.assert(
      fc.property(documentAndEquivalentArb, ([doc, live]) => {
        const before = JSON.stringify([doc, live]);
        normalize(deepFreeze(doc));
        normalize(deepFreeze(live));
        expect(JSON.stringify([doc, live])).toBe(before);
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(documentAndEquivalentArb, ([doc, live]) => {
        // Compared as JSON (keys are sorted): toStrictEqual misreads a key named "constructor".
        expect(JSON.stringify(normalize(normalize(doc)))).toBe(JSON.stringify(normalize(doc)));
        expect(JSON.stringify(normalize(normalize(live)))).toBe(JSON.stringify(normalize(live)));
      }),
    );
  });

  it('gives every equivalent form the same canonical JSON', () => {
    fc.assert(
      fc.property(documentAndEquivalentArb, ([doc, live]) => {
        expect(JSON.stringify(normalize(live))).toBe(JSON.stringify(normalize(doc)));
      }),
    );
  });

  it('keeps every entitlement, keyed by its name', () => {
    fc.assert(
      fc.property(licenseDocumentArb, (doc) => {
        const keyed = normalize(doc).Entitlements as Record<string, unknown>;
        expect(Object.keys(keyed).sort()).toEqual(doc.Entitlements.map((e) => e.Name).sort());
      }),
    );
  });
});
