import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientToken } from '../../src/reconcile/token.js';
import type { LicenseDocument } from '../../src/reconcile/types.js';
import { SAMPLE_ARN, sampleDocument } from './sample.js';
import { deepFreeze, equivalentFormArb, licenseDocumentArb, STATUSES } from './arbitraries.js';

const ARN = SAMPLE_ARN;
const document: LicenseDocument = sampleDocument({
  Entitlements: [{ Name: 'seats', MaxCount: 10, Unit: 'Count' }],
  ConsumptionConfiguration: {},
});

describe('clientToken', () => {
  it('is 64 lowercase hex characters (SHA-256), within the API limit of 2048', () => {
    expect(clientToken(ARN, '1', document)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable across runs for the same inputs', () => {
    expect(clientToken(ARN, '1', document)).toBe(clientToken(ARN, '1', structuredClone(document)));
  });

  it.each<[string, string, string, LicenseDocument]>([
    ['another SourceVersion', ARN, '2', document],
    ['another license', `${ARN}x`, '1', document],
    ['another MaxCount', ARN, '1', { ...document, Entitlements: [{ Name: 'seats', MaxCount: 11, Unit: 'Count' }] }],
    ['another Status', ARN, '1', { ...document, Status: 'SUSPENDED' }],
  ])('changes with %s', (_name, arn, version, doc) => {
    expect(clientToken(arn, version, doc)).not.toBe(clientToken(ARN, '1', document));
  });

  it('does not confuse where one input ends and the next begins', () => {
    expect(clientToken('arn:a1', '2', document)).not.toBe(clientToken('arn:a', '12', document));
  });

  it('does not mutate the document', () => {
    expect(() => clientToken(ARN, '1', deepFreeze(structuredClone(document)))).not.toThrow();
  });
});

describe('clientToken properties', () => {
  it('is the same for every equivalent form of the desired document', () => {
    const arb = licenseDocumentArb.chain((doc) => fc.tuple(fc.constant(doc), equivalentFormArb(doc, false)));
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 1000 }).map(String), ([doc, form], version) => {
        expect(clientToken(doc.LicenseArn!, version, form as unknown as LicenseDocument)).toBe(
          clientToken(doc.LicenseArn!, version, doc),
        );
      }),
    );
  });

  it('differs when the SourceVersion differs', () => {
    fc.assert(
      fc.property(licenseDocumentArb, fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (doc, v1, v2) => {
        fc.pre(v1 !== v2);
        expect(clientToken(doc.LicenseArn!, v1, doc)).not.toBe(clientToken(doc.LicenseArn!, v2, doc));
      }),
    );
  });

  it('differs when the content really changes', () => {
    fc.assert(
      fc.property(licenseDocumentArb, (doc) => {
        const Status = STATUSES.find((s) => s !== doc.Status) ?? 'AVAILABLE';
        expect(clientToken(doc.LicenseArn!, '1', { ...doc, Status })).not.toBe(clientToken(doc.LicenseArn!, '1', doc));
      }),
    );
  });
});
