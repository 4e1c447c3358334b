import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentFromLive, manifestFromLive, readableInstant, renderManifest } from '../../src/manifests/from-live.js';
import { validateManifests } from '../../src/manifests/validate.js';
import { normalize } from '../../src/reconcile/normalize.js';
import type { LicenseDocument, LiveLicense } from '../../src/reconcile/types.js';
import { deepFreeze, equivalentFormArb, licenseDocumentArb } from '../reconcile/arbitraries.js';

const ARN = 'arn:aws:license-manager::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** A license as GetLicense answers it: server members, keys in the service's order, false booleans left out. */
function live(overrides: Record<string, unknown> = {}): LiveLicense {
  return {
    LicenseArn: ARN,
    LicenseName: 'Acme Analytics Pro',
    ProductName: 'Analytics Pro',
    ProductSKU: 'analytics-pro-ent',
    Issuer: { Name: 'Example Software Inc.', KeyFingerprint: 'aws:123456789012:Example:issuer-fingerprint' },
    HomeRegion: 'us-east-1',
    Status: 'AVAILABLE',
    Validity: { Begin: '2026-01-01T00:00:00.000Z', End: '2027-01-01T00:00:00.000Z' },
    Beneficiary: 'arn:aws:iam::210987654321:root',
    Entitlements: [
      { AllowCheckIn: true, Unit: 'Count', Name: 'seats', MaxCount: 250 },
      { Name: 'api-calls', Overage: true, MaxCount: 1000000, Unit: 'Count' },
    ],
    ConsumptionConfiguration: {
      BorrowConfiguration: { MaxTimeToLiveInMinutes: 1440, AllowEarlyCheckIn: true },
      RenewType: 'Monthly',
    },
    LicenseMetadata: [{ Value: 'Acme Corp', Name: 'Customer' }],
    CreateTime: '2026-01-01T10:00:00.000Z',
    Version: '3',
    ...overrides,
  };
}

function document(overrides: Record<string, unknown> = {}): LicenseDocument {
  const built = manifestFromLive(live(overrides));
  if (!built.ok) throw new Error(built.error.message);
  return built.document;
}

describe('manifestFromLive', () => {
  it('keeps the request members in the documented order and drops server members', () => {
    const doc = document();
    expect(Object.keys(doc)).toEqual([
      'LicenseArn',
      'LicenseName',
      'ProductName',
      'ProductSKU',
      'Beneficiary',
      'Issuer',
      'HomeRegion',
      'Validity',
      'LicenseMetadata',
      'Entitlements',
      'ConsumptionConfiguration',
      'Status',
    ]);
    expect(doc.Issuer).toEqual({ Name: 'Example Software Inc.' });
    expect(doc).not.toHaveProperty('Version');
    expect(doc).toMatchObject({ ProductSKU: 'analytics-pro-ent', Beneficiary: 'arn:aws:iam::210987654321:root' });
    expect(Object.keys(doc.Entitlements[0] ?? {})).toEqual(['Name', 'Unit', 'MaxCount', 'AllowCheckIn']);
    expect(Object.keys(doc.LicenseMetadata?.[0] ?? {})).toEqual(['Name', 'Value']);
    expect(Object.keys(doc.ConsumptionConfiguration)).toEqual(['RenewType', 'BorrowConfiguration']);
    expect(Object.keys(doc.ConsumptionConfiguration.BorrowConfiguration ?? {})).toEqual([
      'AllowEarlyCheckIn',
      'MaxTimeToLiveInMinutes',
    ]);
  });

  it('keeps list items in live order', () => {
    expect(document().Entitlements.map((e) => e.Name)).toEqual(['seats', 'api-calls']);
  });

  it('never mutates the live license', () => {
    const frozen = deepFreeze(live({ Issuer: { Name: 'I', SignKey: 'k', KeyFingerprint: 'f' } }));
    expect(manifestFromLive(frozen).ok).toBe(true);
  });

  type Row = [name: string, overrides: Record<string, unknown>, member: keyof LicenseDocument, expected: unknown];
  it.each<Row>([
    ['drops nulls', { LicenseMetadata: null, Issuer: { Name: 'I', SignKey: null } }, 'Issuer', { Name: 'I' }],
    ['omits empty metadata', { LicenseMetadata: [] }, 'LicenseMetadata', undefined],
    ['fills missing entitlements with []', { Entitlements: undefined }, 'Entitlements', []],
    [
      'fills missing consumption configuration with {}',
      { ConsumptionConfiguration: null },
      'ConsumptionConfiguration',
      {},
    ],
    [
      'keeps false booleans as live has them',
      { Entitlements: [{ Name: 'e', Unit: 'Count', MaxCount: 1, Overage: false }] },
      'Entitlements',
      [{ Name: 'e', Unit: 'Count', MaxCount: 1, Overage: false }],
    ],
    [
      'writes numeric strings as numbers',
      { Entitlements: [{ Name: 'e', Unit: 'Count', MaxCount: '10' }] },
      'Entitlements',
      [{ Name: 'e', Unit: 'Count', MaxCount: 10 }],
    ],
    [
      'keeps Value for unit None',
      { Entitlements: [{ Value: 'gold', Unit: 'None', Name: 'plan' }] },
      'Entitlements',
      [{ Name: 'plan', Unit: 'None', Value: 'gold' }],
    ],
    [
      'adds the AllowEarlyCheckIn the API leaves out when false',
      { ConsumptionConfiguration: { BorrowConfiguration: { MaxTimeToLiveInMinutes: '60' } } },
      'ConsumptionConfiguration',
      { BorrowConfiguration: { AllowEarlyCheckIn: false, MaxTimeToLiveInMinutes: 60 } },
    ],
    [
      'keeps instants with offsets',
      { Validity: { Begin: '2026-03-01T00:00:00+01:00' } },
      'Validity',
      { Begin: '2026-03-01T00:00:00+01:00' },
    ],
  ])('%s', (_name, overrides, member, expected) => {
    expect(document(overrides)[member]).toEqual(expected);
  });

  type Refused = [name: string, overrides: Record<string, unknown>, code: string, message: RegExp];
  it.each<Refused>([
    ['a deleted license', { Status: 'DELETED' }, 'DELETED', /is DELETED; a deleted license can't be managed/],
    ['a license pending deletion', { Status: 'PENDING_DELETE' }, 'DELETED', /PENDING_DELETE/],
    [
      'an empty SignKey',
      { Issuer: { Name: 'I', SignKey: '' } },
      'MANIFEST_SCHEMA',
      /\/Issuer\/SignKey must not be empty/,
    ],
    [
      'an empty metadata value',
      { LicenseMetadata: [{ Name: 'Note', Value: '' }] },
      'MANIFEST_SCHEMA',
      /\/LicenseMetadata\/Note\/Value must not be empty/,
    ],
    [
      'an End before Begin',
      { Validity: { Begin: '2027-01-01T00:00:00Z', End: '2026-01-01T00:00:00Z' } },
      'MANIFEST_RULE',
      /\/Validity\/End .* must be after/,
    ],
    [
      'duplicate entitlement names',
      {
        Entitlements: [
          { Name: 'a', Unit: 'Count' },
          { Name: 'a', Unit: 'Bytes' },
        ],
      },
      'MANIFEST_RULE',
      /must be unique/,
    ],
    ['a status the API does not document', { Status: 'WEIRD' }, 'MANIFEST_SCHEMA', /\/Status must be one of/],
    [
      'a member a request cannot carry',
      { Frobnicate: 1 },
      'MANIFEST_SCHEMA',
      /members a manifest can't carry \(\/Frobnicate\)/,
    ],
    [
      'an entitlement member a request cannot carry',
      { Entitlements: [{ Name: 'a', Unit: 'Count', Extra: 1 }] },
      'MANIFEST_SCHEMA',
      /\/Entitlements\/a\/Extra/,
    ],
  ])('refuses %s with a clear error', (_name, overrides, code, message) => {
    const built = manifestFromLive(live(overrides));
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.error).toMatchObject({ code, licenseArn: ARN });
    expect(built.error.message).toMatch(message);
  });

  it('round-trips: for any valid manifest, any live form of it gives a valid manifest that normalizes equal', () => {
    const validDocument = licenseDocumentArb
      .map(repairForSchema)
      .filter((doc) => validateManifests([{ file: 'x', text: JSON.stringify(doc) }]).errors.length === 0);
    const liveArb = validDocument.chain((doc) => fc.tuple(fc.constant(doc), equivalentFormArb(doc)));
    fc.assert(
      fc.property(liveArb, ([doc, form]) => {
        const built = manifestFromLive({ ...form, LicenseArn: doc.LicenseArn });
        expect(built.ok ? 'ok' : built.error.message).toBe('ok');
        if (!built.ok) return;
        expect(normalize(built.document)).toEqual(normalize(doc));
        expect(validateManifests([{ file: 'x', text: renderManifest(built.document, 'x') }]).errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

/** The generated documents break rules the schema adds (empty strings, Value only with unit None); mend them. */
function repairForSchema(doc: LicenseDocument): LicenseDocument {
  const nonEmpty = (text: string) => text || 'x';
  return {
    ...doc,
    Issuer: { ...doc.Issuer, ...(doc.Issuer.SignKey !== undefined ? { SignKey: nonEmpty(doc.Issuer.SignKey) } : {}) },
    LicenseMetadata: doc.LicenseMetadata?.map((entry) => ({ Name: entry.Name, Value: nonEmpty(entry.Value) })),
    Entitlements: doc.Entitlements.map(({ Value, MaxCount, ...rest }) =>
      rest.Unit === 'None'
        ? { ...rest, ...(Value !== undefined ? { Value: nonEmpty(Value) } : {}) }
        : { ...rest, ...(MaxCount !== undefined ? { MaxCount } : {}) },
    ),
  };
}

describe('readableInstant', () => {
  it.each([
    ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00Z'],
    ['2026-01-01T00:00:00.500Z', '2026-01-01T00:00:00.500Z'],
    ['2026-01-01T00:00:00.123456Z', '2026-01-01T00:00:00.123456Z'],
    ['2026-03-01T00:00:00.000+01:00', '2026-03-01T00:00:00+01:00'],
    ['2026-01-01t00:00:00z', '2026-01-01T00:00:00Z'],
    ['tomorrow', 'tomorrow'],
    [42, 42],
  ])('%j → %j', (input, expected) => {
    expect(readableInstant(input)).toBe(expected);
  });
});

describe('renderManifest', () => {
  it('writes $schema first, small objects on one line, a trailing newline', () => {
    const text = renderManifest(
      document({
        Issuer: {
          Name: 'Example Software Inc.',
          SignKey: 'arn:aws:kms:us-east-1:123456789012:key/5f2d1c4e-8a9b-4c3d-9e1f-0a1b2c3d4e5f',
        },
      }),
      '../schemas/license.schema.json',
    );
    expect(text).toBe(`{
  "$schema": "../schemas/license.schema.json",
  "LicenseArn": "arn:aws:license-manager::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9",
  "LicenseName": "Acme Analytics Pro",
  "ProductName": "Analytics Pro",
  "ProductSKU": "analytics-pro-ent",
  "Beneficiary": "arn:aws:iam::210987654321:root",
  "Issuer": {
    "Name": "Example Software Inc.",
    "SignKey": "arn:aws:kms:us-east-1:123456789012:key/5f2d1c4e-8a9b-4c3d-9e1f-0a1b2c3d4e5f"
  },
  "HomeRegion": "us-east-1",
  "Validity": { "Begin": "2026-01-01T00:00:00Z", "End": "2027-01-01T00:00:00Z" },
  "LicenseMetadata": [{ "Name": "Customer", "Value": "Acme Corp" }],
  "Entitlements": [
    { "Name": "seats", "Unit": "Count", "MaxCount": 250, "AllowCheckIn": true },
    { "Name": "api-calls", "Unit": "Count", "MaxCount": 1000000, "Overage": true }
  ],
  "ConsumptionConfiguration": {
    "RenewType": "Monthly",
    "BorrowConfiguration": { "AllowEarlyCheckIn": true, "MaxTimeToLiveInMinutes": 1440 }
  },
  "Status": "AVAILABLE"
}
`);
  });

  it('writes empty lists and objects inline and escapes what JSON must', () => {
    const text = renderManifest(
      document({ LicenseName: 'Quote " and \\ and \u2028', Entitlements: [], ConsumptionConfiguration: {} }),
      'https://x',
    );
    expect(text).toContain('"Entitlements": [],\n');
    expect(text).toContain('"ConsumptionConfiguration": {},\n');
    expect(JSON.parse(text).LicenseName).toBe('Quote " and \\ and \u2028');
  });

  it('keeps a value longer than a line on its line', () => {
    const name = 'N'.repeat(150);
    expect(renderManifest(document({ LicenseName: name }), 'x')).toContain(`\n  "LicenseName": "${name}",\n`);
  });

  it('is JSON that parses back to the document', () => {
    fc.assert(
      fc.property(licenseDocumentArb, (doc) => {
        const document = documentFromLive(doc as unknown as LiveLicense);
        const text = renderManifest(document, 'ref');
        const { $schema, ...parsed } = JSON.parse(text);
        expect($schema).toBe('ref');
        expect(parsed).toEqual(document);
        expect(text.endsWith('}\n')).toBe(true);
      }),
    );
  });
});
