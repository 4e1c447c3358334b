/** The AWS CLI (botocore) against the emulator: a second, independent client of the protocol. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { SeedLicense } from '../../src/emulator/index.js';
import { emulator } from './helpers.js';

const run = promisify(execFile);
const hasAwsCli = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

const env = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_PAGER: '',
};

function arn(i: number): string {
  return `arn:aws:license-manager::123456789012:license:l-${i.toString(16).padStart(32, '0')}`;
}

async function aws(args: string[]): Promise<unknown> {
  const { stdout } = await run('aws', ['license-manager', ...args, '--region', 'us-east-1', '--output', 'json'], {
    env,
  });
  return JSON.parse(stdout);
}

describe.skipIf(!hasAwsCli)('the AWS CLI against the emulator', () => {
  it('get-license prints the license in the service form', async () => {
    const license: SeedLicense = {
      LicenseArn: arn(1),
      LicenseName: 'CLI License',
      ProductName: 'Analytics',
      ProductSKU: 'SKU-1',
      Issuer: { Name: 'Acme' },
      HomeRegion: 'us-east-1',
      Validity: { Begin: '2026-01-01T01:00:00+01:00' },
      Beneficiary: 'someone',
      Entitlements: [{ Name: 'Seats', Unit: 'Count', MaxCount: 3, Overage: false }],
      ConsumptionConfiguration: { RenewType: 'None' },
      LicenseMetadata: [],
      CreateTime: '2026-02-01T00:00:00Z',
      Version: '2',
    };
    const emu = await emulator({ seed: { licenses: [license] } });
    const printed = await aws(['get-license', '--license-arn', arn(1), '--endpoint-url', emu.url]);
    expect(printed).toEqual({
      License: {
        LicenseArn: arn(1),
        LicenseName: 'CLI License',
        ProductName: 'Analytics',
        ProductSKU: 'SKU-1',
        Issuer: { Name: 'Acme', KeyFingerprint: 'aws:123456789012:Acme:issuer-fingerprint' },
        HomeRegion: 'us-east-1',
        Status: 'AVAILABLE',
        Validity: { Begin: '2026-01-01T00:00:00.000Z' },
        Beneficiary: 'someone',
        Entitlements: [{ Name: 'Seats', Unit: 'Count', MaxCount: 3 }],
        ConsumptionConfiguration: { RenewType: 'None' },
        CreateTime: '2026-02-01T00:00:00.000Z',
        Version: '2',
      },
    });
    expect(emu.calls.at(-1)).toMatchObject({ operation: 'GetLicense', region: 'us-east-1', status: 200 });
  });

  it('list-licenses follows NextToken across pages', async () => {
    const licenses = Array.from({ length: 7 }, (_, i): SeedLicense => ({
      LicenseArn: arn(i),
      HomeRegion: 'us-east-1',
    }));
    const emu = await emulator({ seed: { licenses } });
    const printed = (await aws(['list-licenses', '--max-results', '3', '--endpoint-url', emu.url])) as {
      Licenses: Array<{ LicenseArn: string }>;
      NextToken?: string;
    };
    const arns = [...printed.Licenses.map((l) => l.LicenseArn)];
    let token = printed.NextToken;
    while (token) {
      const page = (await aws([
        'list-licenses',
        '--max-results',
        '3',
        '--next-token',
        token,
        '--endpoint-url',
        emu.url,
      ])) as typeof printed;
      arns.push(...page.Licenses.map((l) => l.LicenseArn));
      token = page.NextToken;
    }
    expect(arns).toEqual(licenses.map((l) => l.LicenseArn));
    expect(emu.calls.filter((c) => c.operation === 'ListLicenses')).toHaveLength(3);
  });

  it('reports a service error the way botocore parses it', async () => {
    const emu = await emulator();
    const failure = await run(
      'aws',
      ['license-manager', 'get-license', '--license-arn', arn(9), '--endpoint-url', emu.url],
      { env },
    ).then(
      () => undefined,
      (error: { stderr: string; code: number }) => error,
    );
    expect(failure?.code).not.toBe(0);
    expect(failure?.stderr).toContain(
      `An error occurred (ResourceNotFoundException) when calling the GetLicense operation: License ${arn(9)} not found`,
    );
  });
});

describe.skipIf(!hasAwsCli)('the AWS CLI playing issuer and grantee', () => {
  it('create-grant, accept-grant as the grantee account, list-distributed-grants with the output names', async () => {
    const license: SeedLicense = { LicenseArn: arn(7), LicenseName: 'Granted', HomeRegion: 'us-east-1' };
    const emu = await emulator({ seed: { licenses: [license] } });
    const created = (await aws([
      'create-grant',
      ...['--client-token', 'cli-token-1', '--grant-name', 'acme-prod', '--license-arn', arn(7)],
      ...['--principals', 'arn:aws:iam::111122223333:root', '--home-region', 'us-east-1'],
      ...['--allowed-operations', 'CheckoutLicense', 'CheckInLicense', '--endpoint-url', emu.url],
    ])) as { GrantArn: string; Status: string; Version: string };
    expect(created).toMatchObject({ Status: 'PENDING_ACCEPT', Version: '1' });
    const { stdout } = await run(
      'aws',
      [
        'license-manager',
        'accept-grant',
        '--grant-arn',
        created.GrantArn,
        '--region',
        'us-east-1',
        '--output',
        'json',
        '--endpoint-url',
        emu.url,
      ],
      { env: { ...env, AWS_ACCESS_KEY_ID: '111122223333' } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ Status: 'ACTIVE', Version: '2' });
    const listed = (await aws([
      'list-distributed-grants',
      ...['--filters', `Name=LicenseArn,Values=${arn(7)}`, '--endpoint-url', emu.url],
    ])) as { Grants: Array<Record<string, unknown>> };
    expect(listed.Grants).toEqual([
      expect.objectContaining({
        GrantArn: created.GrantArn,
        GrantName: 'acme-prod',
        GranteePrincipalArn: 'arn:aws:iam::111122223333:root',
        GrantStatus: 'ACTIVE',
        GrantedOperations: ['CheckoutLicense', 'CheckInLicense'],
        Version: '2',
      }),
    ]);
  });
});
