// Deterministic licenses for the benchmark: manifests, and the same licenses as
// License Manager answers them (other list order, other instant forms, server fields).
export const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

export function arnOf(i) {
  return `arn:aws:license-manager::123456789012:license:l-${i.toString(16).padStart(32, '0')}`;
}

/** The manifest for license `i`; `drifted` changes one entitlement's count. */
export function manifest(i, drifted = false) {
  return {
    $schema: '../schemas/license.schema.json',
    LicenseArn: arnOf(i),
    LicenseName: `Customer ${i} Enterprise`,
    ProductName: `Product ${i % 7}`,
    Issuer: { Name: 'Example Software Inc.', SignKey: 'arn:aws:kms:us-east-1:123456789012:key/bench' },
    HomeRegion: REGIONS[i % REGIONS.length],
    Validity: { Begin: '2026-01-01T00:00:00Z', End: '2027-01-01T00:00:00+01:00' },
    LicenseMetadata: [
      { Name: 'Customer', Value: `Customer ${i}` },
      { Name: 'Tier', Value: i % 2 ? 'gold' : 'silver' },
    ],
    Entitlements: [
      { Name: 'seats', Unit: 'Count', MaxCount: drifted ? 200 + i : 100 + i, Overage: false, AllowCheckIn: true },
      { Name: 'storage', Unit: 'Gigabytes', MaxCount: 500 },
      { Name: 'support', Unit: 'None', Value: 'premium' },
    ],
    ConsumptionConfiguration: {
      RenewType: 'Monthly',
      BorrowConfiguration: { AllowEarlyCheckIn: true, MaxTimeToLiveInMinutes: 60 },
    },
    Status: 'AVAILABLE',
  };
}

/** License `i` as GetLicense returns it: equal to the manifest in everything but form. */
export function live(i) {
  const { $schema, ...doc } = manifest(i);
  return {
    ...doc,
    Version: '7',
    CreateTime: '2026-01-01T00:00:00.000Z',
    ProductSKU: `sku-${i}`,
    Beneficiary: 'arn:aws:iam::210987654321:root',
    Issuer: { ...doc.Issuer, KeyFingerprint: 'aws:123456789012:bench' },
    Validity: { Begin: '2026-01-01T00:00:00.000Z', End: '2026-12-31T23:00:00.000Z' },
    LicenseMetadata: [...doc.LicenseMetadata].reverse(),
    Entitlements: [doc.Entitlements[2], doc.Entitlements[0], doc.Entitlements[1]].map(({ Overage, ...e }) => e),
  };
}
