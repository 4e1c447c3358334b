import { describe, expect, it } from 'vitest';
import {
  compareInstants,
  instant,
  maxCountOnlyWithCountedUnits,
  uniqueEntitlementNames,
  uniqueMetadataNames,
  validityEndAfterBegin,
  valueOnlyWithUnitNone,
} from '../../src/manifests/rules.js';
import { validateManifests } from '../../src/manifests/validate.js';
import { sourceOf, summary, textAt, validDocument } from './helpers.js';

type Doc = Record<string, any>;

interface Case {
  name: string;
  mutate: (doc: Doc) => void;
  fragment: string;
  line: number;
  column: number;
  at: string;
}

// Positions refer to validDocument() printed with two-space indentation (see helpers.ts).
const rejected: Case[] = [
  {
    name: 'End equal to Begin',
    mutate: (d) => (d.Validity.End = d.Validity.Begin),
    fragment: '/Validity/End "2025-01-01T00:00:00Z" must be after /Validity/Begin "2025-01-01T00:00:00Z"',
    line: 12,
    column: 12,
    at: '"2025',
  },
  {
    name: 'End before Begin only once offsets count',
    mutate: (d) => Object.assign(d.Validity, { Begin: '2025-01-01T08:00:00Z', End: '2025-01-01T12:00:00+05:00' }),
    fragment: 'must be after /Validity/Begin',
    line: 12,
    column: 12,
    at: '"2025-01-01T12',
  },
  {
    name: 'End before Begin by a tenth of a microsecond',
    mutate: (d) =>
      Object.assign(d.Validity, { Begin: '2025-01-01T00:00:00.0000002Z', End: '2025-01-01T00:00:00.0000001Z' }),
    fragment: 'must be after /Validity/Begin',
    line: 12,
    column: 12,
    at: '"2025',
  },
  {
    name: 'duplicate entitlement name',
    mutate: (d) => (d.Entitlements[1].Name = 'vCPU'),
    fragment: '/Entitlements/1/Name "vCPU" repeats /Entitlements/0/Name; entitlement names must be unique',
    line: 33,
    column: 15,
    at: '"vCPU"',
  },
  {
    name: 'duplicate metadata name',
    mutate: (d) => (d.LicenseMetadata[1].Name = 'ContractId'),
    fragment: '/LicenseMetadata/1/Name "ContractId" repeats /LicenseMetadata/0/Name; metadata names must be unique',
    line: 20,
    column: 15,
    at: '"ContractId"',
  },
  {
    name: 'Value with a counted unit',
    mutate: (d) => (d.Entitlements[0].Value = 'x'),
    fragment: '/Entitlements/vCPU/Value is only allowed when Unit is "None" (Unit is "Count")',
    line: 31,
    column: 16,
    at: '"x"',
  },
  {
    name: 'MaxCount with unit None',
    mutate: (d) => (d.Entitlements[0].Unit = 'None'),
    fragment: '/Entitlements/vCPU/MaxCount is not allowed when Unit is "None"',
    line: 27,
    column: 19,
    at: '256',
  },
];

describe('rule rejections', () => {
  it.each(rejected)('$name', ({ mutate, fragment, line, column, at }) => {
    const doc = validDocument();
    mutate(doc);
    const source = sourceOf(doc);
    const { manifests, errors } = validateManifests([source]);
    expect(manifests).toEqual([]);
    expect(summary(errors)).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      code: 'MANIFEST_RULE',
      line,
      column,
      file: source.file,
      licenseArn: doc.LicenseArn,
    });
    expect(errors[0]?.message).toContain(fragment);
    expect(textAt(source.text, errors[0]!).startsWith(at)).toBe(true);
  });
});

describe('rule acceptance', () => {
  const accepted: { name: string; mutate: (doc: Doc) => void }[] = [
    {
      name: 'End after Begin although it sorts before as a string',
      mutate: (d) => Object.assign(d.Validity, { Begin: '2025-01-01T12:00:00+05:00', End: '2025-01-01T08:00:00Z' }),
    },
    {
      name: 'End after Begin by a tenth of a microsecond',
      mutate: (d) =>
        Object.assign(d.Validity, { Begin: '2025-01-01T00:00:00.0000001Z', End: '2025-01-01T00:00:00.0000002Z' }),
    },
    { name: 'no End at all', mutate: (d) => delete d.Validity.End },
    {
      name: 'Value with unit None and no MaxCount',
      mutate: (d) => d.Entitlements.push({ Name: 'Edition', Value: 'Pro', Unit: 'None' }),
    },
    { name: 'names equal except for case', mutate: (d) => (d.Entitlements[1].Name = 'vcpu') },
  ];
  it.each(accepted)('$name', ({ mutate }) => {
    const doc = validDocument();
    mutate(doc);
    expect(summary(validateManifests([sourceOf(doc)]).errors)).toEqual([]);
  });
});

describe('rules read documents the schema rejects without failing', () => {
  const odd: unknown[] = [
    {},
    { Validity: 'x', Entitlements: 'x', LicenseMetadata: 5 },
    { Validity: { Begin: 5, End: null }, Entitlements: [null, 1, 'x', [], { Name: 5 }], LicenseMetadata: [null, {}] },
    { Validity: { Begin: 'not a date', End: '2025-01-01T00:00:00Z' } },
  ];
  const rules = [
    validityEndAfterBegin,
    uniqueEntitlementNames,
    uniqueMetadataNames,
    valueOnlyWithUnitNone,
    maxCountOnlyWithCountedUnits,
  ];
  it.each(odd.map((doc) => ({ doc, label: JSON.stringify(doc) })))('$label', ({ doc }) => {
    for (const rule of rules) expect(rule(doc as Doc)).toEqual([]);
  });

  it('still reports a rule when the schema also fails', () => {
    const doc = validDocument();
    doc.Status = 'ACTIVE';
    (doc.Entitlements as Doc[])[1]!.Name = 'vCPU';
    const codes = validateManifests([sourceOf(doc)]).errors.map((e) => e.code);
    expect(codes.sort()).toEqual(['MANIFEST_RULE', 'MANIFEST_SCHEMA']);
  });
});

describe('instants', () => {
  const order: [string, string, number][] = [
    ['2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 0],
    ['2025-01-01T02:00:00+02:00', '2025-01-01T00:00:00Z', 0],
    ['2025-01-01T00:00:00.5Z', '2025-01-01T00:00:00.500000Z', 0],
    ['2025-01-01T00:00:00.0001Z', '2025-01-01T00:00:00Z', 1],
    ['2024-12-31T23:00:00-02:00', '2025-01-01T00:00:00Z', 1],
    ['0050-01-01T00:00:00Z', '1950-01-01T00:00:00Z', -1],
  ];
  it.each(order)('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareInstants(instant(a)!, instant(b)!))).toBe(sign);
    expect(Math.sign(compareInstants(instant(b)!, instant(a)!))).toBe(0 - sign);
  });

  it('leaves anything but a zoned ISO 8601 date-time to the schema', () => {
    for (const text of ['2025-01-01', '2025-01-01T00:00:00', 'yesterday', '2025-01-01T00:00:00z'])
      expect(instant(text)).toBeUndefined();
    expect(instant(20250101)).toBeUndefined();
  });
});
