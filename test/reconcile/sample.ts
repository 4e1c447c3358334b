/** One small, valid license document that example tests vary member by member. */
import type { LicenseDocument } from '../../src/reconcile/types.js';

export const SAMPLE_ARN = 'arn:aws:license-manager::123456789012:license:l-1';

export function sampleDocument(overrides: Partial<LicenseDocument> = {}): LicenseDocument {
  return {
    LicenseArn: SAMPLE_ARN,
    LicenseName: 'Seats',
    ProductName: 'Product',
    Issuer: { Name: 'Issuer' },
    HomeRegion: 'us-east-1',
    Validity: { Begin: '2025-01-01T00:00:00Z' },
    Entitlements: [
      { Name: 'seats', MaxCount: 10, Unit: 'Count' },
      { Name: 'cores', MaxCount: 4, Unit: 'Count' },
    ],
    ConsumptionConfiguration: { RenewType: 'None' },
    Status: 'AVAILABLE',
    ...overrides,
  };
}
