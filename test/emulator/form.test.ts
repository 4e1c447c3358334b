import { CreateLicenseVersionCommand, GetLicenseCommand } from '@aws-sdk/client-license-manager';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerForm, canonicalInstant } from '../../src/emulator/index.js';
import { client, createLicense, emulator, versionInput } from './helpers.js';

describe('the form GetLicense answers in', () => {
  it('omits false booleans, empty lists and nulls, and writes instants canonically', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const arn = await createLicense(sdk);
    await sdk.send(
      new CreateLicenseVersionCommand(
        versionInput(arn, {
          Validity: { Begin: '2026-01-01T02:00:00+02:00', End: '2027-06-30T23:59:59.123456Z' },
          Entitlements: [
            { Name: 'Seats', Unit: 'Count', MaxCount: 5, Overage: false, AllowCheckIn: false },
            { Name: 'Cores', Unit: 'Count', MaxCount: 64, Overage: true, AllowCheckIn: true },
            { Name: 'Tier', Unit: 'None', Value: 'gold' },
          ],
          LicenseMetadata: [],
          ConsumptionConfiguration: {
            RenewType: 'Monthly',
            BorrowConfiguration: { AllowEarlyCheckIn: false, MaxTimeToLiveInMinutes: 60 },
          },
        }),
      ),
    );
    const license = (await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License;
    expect(license?.Validity).toEqual({ Begin: '2026-01-01T00:00:00.000Z', End: '2027-06-30T23:59:59.123Z' });
    expect(license?.Entitlements).toEqual([
      { Name: 'Seats', Unit: 'Count', MaxCount: 5 },
      { Name: 'Cores', Unit: 'Count', MaxCount: 64, Overage: true, AllowCheckIn: true },
      { Name: 'Tier', Unit: 'None', Value: 'gold' },
    ]);
    expect(license).not.toHaveProperty('LicenseMetadata');
    // a required boolean is not an optional flag: it stays even when false
    expect(license?.ConsumptionConfiguration?.BorrowConfiguration).toEqual({
      AllowEarlyCheckIn: false,
      MaxTimeToLiveInMinutes: 60,
    });
    expect(license?.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps list order as sent', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const metadata = [
      { Name: 'z', Value: '1' },
      { Name: 'a', Value: '2' },
      { Name: 'm', Value: '3' },
    ];
    const arn = await createLicense(sdk, { LicenseMetadata: metadata });
    expect((await sdk.send(new GetLicenseCommand({ LicenseArn: arn }))).License?.LicenseMetadata).toEqual(metadata);
  });
});

describe('canonicalInstant', () => {
  it.each([
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00.500Z'],
    ['2026-01-01T00:00:00.123456789Z', '2026-01-01T00:00:00.123Z'],
    ['2026-01-01T01:30:00+01:30', '2026-01-01T00:00:00.000Z'],
    ['2025-12-31T19:00:00-05:00', '2026-01-01T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalInstant(input)).toBe(expected);
  });

  it.each(['2026-01-01', '2026-01-01T00:00:00', '2026-02-30T00:00:00Z', 'tomorrow', '2026-13-01T00:00:00Z'])(
    'rejects %s',
    (input) => {
      expect(canonicalInstant(input)).toBeUndefined();
    },
  );

  it('agrees with Date for every instant written with any offset (property)', () => {
    const instants = fc.date({
      min: new Date('1971-01-01T00:00:00Z'),
      max: new Date('2999-12-31T00:00:00Z'),
      noInvalidDate: true,
    });
    const offsets = fc.integer({ min: -12 * 60, max: 14 * 60 });
    fc.assert(
      fc.property(instants, offsets, (date, offsetMinutes) => {
        const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(canonicalInstant(`${local}${zone}`)).toBe(date.toISOString());
      }),
    );
  });
});

describe('answerForm', () => {
  it('never mutates its input', () => {
    const input = {
      Entitlements: [{ Name: 'a', Overage: false }],
      LicenseMetadata: [],
      Validity: { Begin: '2026-01-01T00:00:00Z' },
    };
    const before = structuredClone(input);
    answerForm(input);
    expect(input).toEqual(before);
  });
});
