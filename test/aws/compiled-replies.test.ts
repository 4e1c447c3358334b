/**
 * Compiled reply readers build exactly the object the SDK's own deserializer
 * builds, for any reply text: modeled members kept, nulls dropped, non-finite
 * numbers parsed, everything else (unknown members, wrong types) as the SDK does.
 */
import { GetLicense$, LicenseManagerClient, ListLicenses$ } from '@aws-sdk/client-license-manager';
import { NormalizedSchema } from '@smithy/core/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, compileReplies } from '../../src/aws/compiled-replies.js';

type Read = (schema: unknown, data: unknown) => Promise<unknown>;
const deserializerOf = (client: LicenseManagerClient) =>
  (client.config.protocol as unknown as { deserializer: { read: Read } }).deserializer;

const sdk = new LicenseManagerClient({ region: 'us-east-1' });
const compiledClient = new LicenseManagerClient({ region: 'us-east-1' });
compileReplies(compiledClient.config.protocol);
const sdkRead = (schema: unknown, text: string) => deserializerOf(sdk).read(schema, Buffer.from(text));
const compiledRead = (schema: unknown, text: string) => deserializerOf(compiledClient).read(schema, Buffer.from(text));

const listOutput = ListLicenses$[5];
const getOutput = GetLicense$[5];

const KEYS = [
  'Licenses',
  'NextToken',
  'License',
  'LicenseArn',
  'LicenseName',
  'Issuer',
  'Name',
  'SignKey',
  'Entitlements',
  'MaxCount',
  'Overage',
  'Unit',
  'Validity',
  'Begin',
  'ConsumptionConfiguration',
  'BorrowConfiguration',
  'MaxTimeToLiveInMinutes',
  'LicenseMetadata',
  'Value',
  'Version',
  'Extra',
  'toString',
  '__proto__',
];
const leaf = fc.oneof(
  fc.constantFrom('Infinity', '-Infinity', 'NaN', '10', 'x', ''),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { reply } = fc.letrec<{ value: unknown; reply: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    tie('reply'),
    fc.array(tie('value'), { maxLength: 4 }),
  ),
  reply: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
}));

describe('compiled reply readers', () => {
  it('compile License Manager read replies (all plain scalars)', () => {
    expect(compile(NormalizedSchema.of(listOutput), 0)).toBeTypeOf('function');
    expect(compile(NormalizedSchema.of(getOutput), 0)).toBeTypeOf('function');
  });

  it('give the same object as the SDK for any ListLicenses or GetLicense reply', async () => {
    await fc.assert(
      fc.asyncProperty(reply, fc.constantFrom(listOutput, getOutput), async (body, schema) => {
        const text = JSON.stringify(body);
        expect(await compiledRead(schema, text)).toStrictEqual(await sdkRead(schema, text));
      }),
      { numRuns: 500 },
    );
  });

  it('read a realistic page the same way', async () => {
    const license = {
      LicenseArn: 'arn:aws:license-manager::123456789012:license:l-1',
      LicenseName: 'A',
      Issuer: { Name: 'I', KeyFingerprint: 'k', Unmodeled: 1 },
      Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 'Infinity', Overage: null }],
      Validity: { Begin: '2026-01-01T00:00:00Z', End: null },
      LicenseMetadata: [],
      Version: '2',
      NewServerMember: { x: 1 },
    };
    const text = JSON.stringify({ Licenses: [license, null], NextToken: null });
    const read = (await compiledRead(listOutput, text)) as { Licenses: Record<string, unknown>[] };
    expect(read).toStrictEqual(await sdkRead(listOutput, text));
    expect(read.Licenses[0]).not.toHaveProperty('NewServerMember');
    expect(read.Licenses[0]!.Entitlements).toStrictEqual([{ Name: 'seats', Unit: 'Count', MaxCount: Infinity }]);
  });

  it('leave replies naming their __type to the SDK (it keeps their unmodeled members)', async () => {
    const text = JSON.stringify({ __type: 'x', Licenses: [], Extra: 1 });
    expect(await compiledRead(listOutput, text)).toStrictEqual(await sdkRead(listOutput, text));
    expect(await compiledRead(listOutput, text)).toHaveProperty('Extra', 1);
  });

  it('throw on malformed JSON as the SDK does', async () => {
    await expect(compiledRead(listOutput, '{"Licenses": [')).rejects.toThrow(SyntaxError);
    await expect(sdkRead(listOutput, '{"Licenses": [')).rejects.toThrow(SyntaxError);
  });
});
