/** The emulator's grant operations, through the real SDK over HTTP. */
import {
  AcceptGrantCommand,
  CreateGrantCommand,
  CreateGrantVersionCommand,
  DeleteGrantCommand,
  GetGrantCommand,
  LicenseManagerClient,
  ListDistributedGrantsCommand,
  RejectGrantCommand,
  type CreateGrantCommandInput,
} from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { client, createLicense, emulator, rejection, token } from './helpers.js';

const GRANTEE = '111122223333';
const PRINCIPAL = `arn:aws:iam::${GRANTEE}:root`;

/** The SDK acting as another account: the emulator takes a 12-digit access key ID as that account. */
function asAccount(target: Emulator, account: string, region = 'us-east-1'): LicenseManagerClient {
  return new LicenseManagerClient({
    region,
    endpoint: target.url,
    credentials: { accessKeyId: account, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
}

function grantInput(licenseArn: string, overrides: Partial<CreateGrantCommandInput> = {}): CreateGrantCommandInput {
  return {
    ClientToken: token(),
    GrantName: 'acme-prod',
    LicenseArn: licenseArn,
    Principals: [PRINCIPAL],
    HomeRegion: 'us-east-1',
    AllowedOperations: ['CheckoutLicense', 'CheckInLicense'],
    ...overrides,
  };
}

async function setUp(options: Parameters<typeof emulator>[0] = {}) {
  const emu = await emulator(options);
  const sdk = client(emu);
  const licenseArn = await createLicense(sdk);
  const created = await sdk.send(new CreateGrantCommand(grantInput(licenseArn)));
  return { emu, sdk, licenseArn, grantArn: created.GrantArn!, created };
}

describe('CreateGrant and GetGrant', () => {
  it('creates a grant at version 1 waiting for the grantee, answered with the output names', async () => {
    const { sdk, licenseArn, grantArn, created } = await setUp();
    expect(created).toMatchObject({ Status: 'PENDING_ACCEPT', Version: '1' });
    expect(grantArn).toMatch(/^arn:aws:license-manager::123456789012:grant:g-[0-9a-f]{32}$/);
    const { Grant } = await sdk.send(new GetGrantCommand({ GrantArn: grantArn }));
    expect(Grant).toEqual({
      GrantArn: grantArn,
      GrantName: 'acme-prod',
      ParentArn: licenseArn,
      LicenseArn: licenseArn,
      GranteePrincipalArn: PRINCIPAL,
      HomeRegion: 'us-east-1',
      GrantStatus: 'PENDING_ACCEPT',
      Version: '1',
      GrantedOperations: ['CheckoutLicense', 'CheckInLicense'],
    });
  });

  it('replays a repeated ClientToken instead of creating a second grant', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const licenseArn = await createLicense(sdk);
    const input = grantInput(licenseArn);
    const first = await sdk.send(new CreateGrantCommand(input));
    const second = await sdk.send(new CreateGrantCommand(input));
    expect(second.GrantArn).toBe(first.GrantArn);
    expect(emu.grants.list()).toHaveLength(1);
  });

  it('refuses what the model or the service refuses', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const licenseArn = await createLicense(sdk);
    const cases: Array<[Partial<CreateGrantCommandInput>, string]> = [
      [{ AllowedOperations: [] }, 'Member must have length greater than or equal to 1'],
      [{ AllowedOperations: ['Fly' as never] }, 'Member must satisfy enum value set'],
      [
        { Principals: [PRINCIPAL, 'arn:aws:iam::444455556666:root'] },
        'Member must have length less than or equal to 1',
      ],
      [
        { Principals: ['arn:aws:iam::111122223333:user/bob'] },
        'must be an AWS account, an organization or an organizational unit ARN',
      ],
      [{ HomeRegion: 'eu-west-1' }, 'is not the home Region of license'],
    ];
    for (const [overrides, message] of cases) {
      const error = await rejection(sdk.send(new CreateGrantCommand(grantInput(licenseArn, overrides))));
      expect(error.name).toBe('ValidationException');
      expect(error.message).toContain(message);
    }
    const elsewhere = await rejection(client(emu, 'eu-west-1').send(new CreateGrantCommand(grantInput(licenseArn))));
    expect(elsewhere.name).toBe('RedirectException');
    expect(emu.grants.list()).toHaveLength(0);
  });

  it('accepts an organization as the principal', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const licenseArn = await createLicense(sdk);
    const org = 'arn:aws:organizations::111122223333:organization/o-abcdef1234';
    await sdk.send(new CreateGrantCommand(grantInput(licenseArn, { Principals: [org] })));
    expect(emu.grants.list()[0]?.GranteePrincipalArn).toBe(org);
  });

  it('takes an organizational unit ARN as the principal, and refuses a malformed one', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const licenseArn = await createLicense(sdk);
    const ou = 'arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12-cdef5678';
    await sdk.send(new CreateGrantCommand(grantInput(licenseArn, { Principals: [ou] })));
    expect(emu.grants.list()[0]?.GranteePrincipalArn).toBe(ou);
    const bad = 'arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-AB12-cdef5678';
    await expect(sdk.send(new CreateGrantCommand(grantInput(licenseArn, { Principals: [bad] })))).rejects.toMatchObject(
      { name: 'ValidationException' },
    );
  });
});

describe('ListDistributedGrants', () => {
  it('filters by LicenseArn and pages with NextToken, in the Region called', async () => {
    const emu = await emulator();
    const sdk = client(emu);
    const one = await createLicense(sdk);
    const two = await createLicense(sdk);
    for (let i = 0; i < 5; i += 1) await sdk.send(new CreateGrantCommand(grantInput(one, { GrantName: `g${i}` })));
    await sdk.send(new CreateGrantCommand(grantInput(two)));
    const names: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sdk.send(
        new ListDistributedGrantsCommand({
          Filters: [{ Name: 'LicenseArn', Values: [one] }],
          MaxResults: 2,
          NextToken,
        }),
      );
      names.push(...(page.Grants ?? []).map((g) => g.GrantName!));
      NextToken = page.NextToken;
      pages += 1;
    } while (NextToken);
    expect(names).toEqual(['g0', 'g1', 'g2', 'g3', 'g4']);
    expect(pages).toBe(3);
    const elsewhere = await client(emu, 'eu-west-1').send(new ListDistributedGrantsCommand({}));
    expect(elsewhere.Grants).toEqual([]);
    const bad = await rejection(
      sdk.send(new ListDistributedGrantsCommand({ Filters: [{ Name: 'Color', Values: ['x'] }] })),
    );
    expect(bad.name).toBe('InvalidParameterValueException');
  });
});

describe('the grantee', () => {
  it('accepts in its own account, which makes a new version; others may not', async () => {
    const { emu, grantArn } = await setUp();
    const stranger = await rejection(
      asAccount(emu, '999988887777').send(new AcceptGrantCommand({ GrantArn: grantArn })),
    );
    expect(stranger.name).toBe('AccessDeniedException');
    const accepted = await asAccount(emu, GRANTEE).send(new AcceptGrantCommand({ GrantArn: grantArn }));
    expect(accepted).toMatchObject({ Status: 'ACTIVE', Version: '2' });
    const again = await rejection(asAccount(emu, GRANTEE).send(new AcceptGrantCommand({ GrantArn: grantArn })));
    expect(again.name).toBe('ValidationException');
  });

  it('rejects', async () => {
    const { emu, grantArn } = await setUp();
    const rejected = await asAccount(emu, GRANTEE).send(new RejectGrantCommand({ GrantArn: grantArn }));
    expect(rejected).toMatchObject({ Status: 'REJECTED', Version: '2' });
    expect(emu.grants.get(grantArn)?.GrantStatus).toBe('REJECTED');
  });
});

describe('CreateGrantVersion', () => {
  it('makes the next version with the input names mapped onto the output names', async () => {
    const { sdk, grantArn } = await setUp();
    const out = await sdk.send(
      new CreateGrantVersionCommand({
        ClientToken: token(),
        GrantArn: grantArn,
        SourceVersion: '1',
        AllowedOperations: ['CheckoutLicense'],
        Options: { ActivationOverrideBehavior: 'DISTRIBUTED_GRANTS_ONLY' },
      }),
    );
    expect(out.Version).toBe('2');
    const { Grant } = await sdk.send(new GetGrantCommand({ GrantArn: grantArn }));
    expect(Grant).toMatchObject({
      GrantedOperations: ['CheckoutLicense'],
      Options: { ActivationOverrideBehavior: 'DISTRIBUTED_GRANTS_ONLY' },
      Version: '2',
    });
    const first = await sdk.send(new GetGrantCommand({ GrantArn: grantArn, Version: '1' }));
    expect(first.Grant?.GrantedOperations).toEqual(['CheckoutLicense', 'CheckInLicense']);
  });

  for (const dialect of ['ValidationException', 'ConflictException'] as const) {
    it(`answers a stale SourceVersion with ${dialect} when so configured, and writes nothing`, async () => {
      const { emu, sdk, grantArn } = await setUp({ grantVersionMismatch: dialect });
      await asAccount(emu, GRANTEE).send(new AcceptGrantCommand({ GrantArn: grantArn }));
      const error = await rejection(
        sdk.send(
          new CreateGrantVersionCommand({
            ClientToken: token(),
            GrantArn: grantArn,
            SourceVersion: '1',
            AllowedOperations: ['CheckoutLicense'],
          }),
        ),
      );
      expect(error.name).toBe(dialect);
      expect(emu.grants.history(grantArn)).toHaveLength(2);
    });
  }

  it('lets the issuer disable and reactivate an accepted grant, but not activate a pending one', async () => {
    const { emu, sdk, grantArn } = await setUp();
    const version = (v: string, Status: 'ACTIVE' | 'DISABLED') =>
      sdk.send(new CreateGrantVersionCommand({ ClientToken: token(), GrantArn: grantArn, SourceVersion: v, Status }));
    const pending = await rejection(version('1', 'ACTIVE'));
    expect(pending.message).toContain('only the grantee can make it ACTIVE');
    await asAccount(emu, GRANTEE).send(new AcceptGrantCommand({ GrantArn: grantArn }));
    expect((await version('2', 'DISABLED')).Status).toBe('DISABLED');
    expect((await version('3', 'ACTIVE')).Status).toBe('ACTIVE');
  });
});

describe('DeleteGrant', () => {
  it('needs the latest Version: a mismatch is a ValidationException, the right one deletes', async () => {
    const { emu, sdk, grantArn } = await setUp();
    await asAccount(emu, GRANTEE).send(new AcceptGrantCommand({ GrantArn: grantArn }));
    const stale = await rejection(sdk.send(new DeleteGrantCommand({ GrantArn: grantArn, Version: '1' })));
    expect(stale.name).toBe('ValidationException');
    expect(stale.message).toContain("doesn't match the latest version");
    const deleted = await sdk.send(new DeleteGrantCommand({ GrantArn: grantArn, Version: '2' }));
    expect(deleted).toMatchObject({ GrantArn: grantArn, Status: 'DELETED' });
    const listed = await sdk.send(new ListDistributedGrantsCommand({}));
    expect(listed.Grants?.map((g) => g.GrantStatus)).toEqual(['DELETED']);
    const after = await rejection(
      sdk.send(
        new CreateGrantVersionCommand({ ClientToken: token(), GrantArn: grantArn, AllowedOperations: ['CreateToken'] }),
      ),
    );
    expect(after.name).toBe('ValidationException');
  });

  it('answers ResourceNotFoundException for an unknown grant', async () => {
    const emu = await emulator();
    const arn = 'arn:aws:license-manager::123456789012:grant:g-00000000000000000000000000000000';
    const error = await rejection(client(emu).send(new GetGrantCommand({ GrantArn: arn })));
    expect(error.name).toBe('ResourceNotFoundException');
  });
});

describe('seeds', () => {
  it('take grants as GetGrant answers them', async () => {
    const emu = await emulator();
    const licenseArn = await createLicense(client(emu));
    const grantArn = 'arn:aws:license-manager::123456789012:grant:g-11111111111111111111111111111111';
    emu.addGrants([
      {
        GrantArn: grantArn,
        GrantName: 'seeded',
        LicenseArn: licenseArn,
        GranteePrincipalArn: PRINCIPAL,
        HomeRegion: 'us-east-1',
        GrantStatus: 'ACTIVE',
        Version: '3',
        GrantedOperations: ['CheckoutLicense'],
      },
    ]);
    const { Grant } = await client(emu).send(new GetGrantCommand({ GrantArn: grantArn }));
    expect(Grant).toMatchObject({ ParentArn: licenseArn, GrantStatus: 'ACTIVE', Version: '3' });
    expect(() => emu.addGrants([{ GrantName: 'no arn' }])).toThrow(/GrantArn must be a non-empty string/);
  });
});
