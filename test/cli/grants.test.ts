/**
 * Grants as code, end to end: the built CLI in a temporary git repository, the
 * emulator over HTTP as License Manager, and the real SDK playing the grantee.
 */
import {
  AcceptGrantCommand,
  CreateGrantCommand,
  CreateGrantVersionCommand,
  LicenseManagerClient,
  RejectGrantCommand,
} from '@aws-sdk/client-license-manager';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readSeedFile,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type GrantVersionMismatch,
} from '../../src/emulator/index.js';
import { ROOT, awsEnv, commitAll, runCli, tempRepo } from '../helpers/cli.js';
import { ACME } from '../helpers/demo-world.js';

const GRANTEE = '111122223333';
const PRINCIPAL = `arn:aws:iam::${GRANTEE}:root`;
const MANIFEST = 'licenses/acme-analytics-pro.json';

let emulator: Emulator;
let repo: { dir: string; cleanup: () => Promise<void> };

async function startWorld(grantVersionMismatch?: GrantVersionMismatch, options: EmulatorOptions = {}): Promise<void> {
  await emulator?.close();
  emulator = await startEmulator({
    seed: await readSeedFile(join(ROOT, 'demo/seed.json')),
    ...(grantVersionMismatch ? { grantVersionMismatch } : {}),
    ...options,
  });
}

beforeEach(async () => {
  await startWorld();
  repo = await tempRepo();
});
afterEach(async () => {
  await emulator.close();
  await repo.cleanup();
});

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: awsEnv(emulator.url) });
const calls = (operation: string) => emulator.calls.filter((c) => c.operation === operation);

async function manifest(): Promise<Record<string, any>> {
  return JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
}

/** Edits the acme manifest's Grants and commits. */
async function setGrants(edit: (grants: Array<Record<string, any>> | undefined) => unknown): Promise<void> {
  const doc = await manifest();
  const grants = edit(doc.Grants);
  if (grants === undefined) delete doc.Grants;
  else doc.Grants = grants;
  await writeFile(join(repo.dir, MANIFEST), `${JSON.stringify(doc, null, 2)}\n`);
  await commitAll(repo.dir, 'Edit grants');
}

const entry = (overrides: Record<string, unknown> = {}) => ({
  GrantName: 'acme-prod',
  Principals: [PRINCIPAL],
  AllowedOperations: ['CheckoutLicense', 'CheckInLicense'],
  ...overrides,
});

/** The SDK as the grantee's account (the emulator takes a 12-digit access key ID as that account). */
function grantee(): LicenseManagerClient {
  return new LicenseManagerClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: GRANTEE, secretAccessKey: 'test' },
  });
}

/** The SDK as the seller's own account, writing outside git. */
function issuer(): LicenseManagerClient {
  return new LicenseManagerClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'AKIDTESTTESTTEST', secretAccessKey: 'test' },
  });
}

/** Applies everything (the seeded license drift too), commits the write-back; returns the new GrantArn. */
async function createGrant(): Promise<string> {
  await setGrants(() => [entry()]);
  const applied = await cli('apply');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  await commitAll(repo.dir, 'Record GrantArn');
  const arn = (await manifest()).Grants[0].GrantArn as string;
  expect(arn).toMatch(/:grant:g-/);
  return arn;
}

describe('a new grant', () => {
  it('is created once in the license HomeRegion, its GrantArn written back, and the next plan converges', async () => {
    await setGrants(() => [entry()]);
    const applied = await cli('apply'); // apply prints the plan it runs
    expect(applied.stdout).toContain(`+ ${MANIFEST}: grant acme-prod`);
    expect(applied.stdout).toContain('+ /Grants/acme-prod: ');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(
      /created\s+licenses\/acme-analytics-pro\.json grant acme-prod\s+arn:aws:license-manager::123456789012:grant:g-\w+; GrantArn written to licenses\/acme-analytics-pro\.json/,
    );
    const creates = calls('CreateGrant');
    expect(creates).toHaveLength(1);
    expect(creates[0]).toMatchObject({ region: 'us-east-1', licenseArn: ACME });
    expect(creates[0]?.clientToken).toMatch(/^[0-9a-f]{64}$/);
    const written = await manifest();
    const [grant] = emulator.grants.list();
    expect(written.Grants).toEqual([{ ...entry(), GrantArn: grant?.GrantArn }]);
    expect(grant).toMatchObject({ GrantStatus: 'PENDING_ACCEPT', GranteePrincipalArn: PRINCIPAL, LicenseArn: ACME });
    // Grants are never part of CreateLicenseVersion.
    expect(calls('CreateLicenseVersion').length).toBeGreaterThan(0);
    await commitAll(repo.dir, 'Record GrantArn');
    // One plan run: its text on stdout, and the same plan as JSON in the saved file.
    const again = await cli('plan', '--detailed-exitcode', '--out', '../converged.json');
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain('pending acceptance by 111122223333');
    const json = JSON.parse(await readFile(join(repo.dir, '../converged.json'), 'utf8'));
    expect(json.formatVersion).toBe(1);
    expect(json.licenses.every((l: { kind?: string }) => l.kind === undefined)).toBe(true);
    const acme = json.licenses.find((l: { file: string }) => l.file === MANIFEST);
    expect(json.licenses.filter((l: { grants?: unknown }) => l.grants !== undefined)).toEqual([acme]);
    expect(acme.grants).toEqual([
      expect.objectContaining({
        kind: 'grant',
        file: MANIFEST,
        grantName: 'acme-prod',
        action: 'noop',
        status: 'PENDING_ACCEPT',
      }),
    ]);
  });

  it('may name an organizational unit: validated, created with it, the grantee accepts, and the plan converges', async () => {
    const ou = `arn:aws:organizations::${GRANTEE}:ou/o-abcdef1234/ou-ab12-cdef5678`;
    await setGrants(() => [entry({ Principals: [ou] })]);
    expect((await cli('validate')).code).toBe(0);
    const applied = await cli('apply');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const [grant] = emulator.grants.list();
    expect(grant).toMatchObject({ GranteePrincipalArn: ou, GrantStatus: 'PENDING_ACCEPT' });
    await grantee().send(new AcceptGrantCommand({ GrantArn: grant!.GrantArn }));
    await commitAll(repo.dir, 'Record GrantArn');
    const again = await cli('plan', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
  });

  it('refuses an OU ARN that is not one (bad OU id), before any call', async () => {
    await setGrants(() => [entry({ Principals: [`arn:aws:organizations::${GRANTEE}:ou/o-abcdef1234/ou-ab12`] })]);
    emulator.resetCalls();
    const result = await cli('plan');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /\/Grants\/acme-prod\/Principals\/0 must be a valid account, organization or organizational unit ARN/,
    );
    expect(emulator.calls).toHaveLength(0);
  });

  it('is not created twice when its GrantArn never reached git: the live grant is adopted', async () => {
    await createGrant();
    await setGrants((grants) => grants?.map(({ GrantArn: _dropped, ...rest }) => rest));
    emulator.resetCalls();
    const applied = await cli('apply'); // apply prints the plan it runs
    expect(applied.stdout).toContain('adopted (apply writes the GrantArn into the manifest)');
    expect(applied.code, applied.stderr).toBe(0);
    expect(calls('CreateGrant')).toHaveLength(0);
    expect(emulator.grants.list()).toHaveLength(1);
    expect((await manifest()).Grants[0].GrantArn).toBe(emulator.grants.list()[0]?.GrantArn);
  });

  for (const clientToken of ['replay', 'ignore'] as const) {
    it(`is created once when the reply to CreateGrant is lost (a service that ${clientToken}s ClientTokens)`, async () => {
      await startWorld(undefined, { dialect: { clientToken } });
      emulator.faults.add({ kind: 'drop-reply', operation: 'CreateGrant', times: 1 });
      emulator.faults.add({ kind: 'unavailable', operation: 'CreateGrant', times: 1 });
      await setGrants(() => [entry()]);
      const applied = await cli('apply');
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(emulator.grants.list()).toHaveLength(1);
      expect((await manifest()).Grants[0].GrantArn).toBe(emulator.grants.list()[0]?.GrantArn);
    });
  }

  it('is created after a refused first attempt that committed nothing', async () => {
    emulator.faults.add({ kind: 'unavailable', operation: 'CreateGrant', times: 1 });
    await setGrants(() => [entry()]);
    const applied = await cli('apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(emulator.grants.list()).toHaveLength(1);
    expect((await manifest()).Grants[0].GrantArn).toBe(emulator.grants.list()[0]?.GrantArn);
  });
  it('with Options converges in one apply: CreateGrant, then one CreateGrantVersion pinned to the new version', async () => {
    await setGrants(() => [entry({ Options: { ActivationOverrideBehavior: 'ALL_GRANTS_PERMITTED_BY_ISSUER' } })]);
    const applied = await cli('apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(calls('CreateGrantVersion')).toEqual([expect.objectContaining({ sourceVersion: '1' })]);
    const [grant] = emulator.grants.list();
    expect(grant?.Options).toEqual({ ActivationOverrideBehavior: 'ALL_GRANTS_PERMITTED_BY_ISSUER' });
    await commitAll(repo.dir, 'Record the GrantArn');
    const again = await cli('plan', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
  });
});

describe('the grantee', () => {
  it('accepting or rejecting is not drift: shown, never written back', async () => {
    const arn = await createGrant();
    await grantee().send(new AcceptGrantCommand({ GrantArn: arn }));
    const accepted = await cli('plan', '--detailed-exitcode');
    expect(accepted.code, accepted.stdout).toBe(0);
    await grantee().send(new RejectGrantCommand({ GrantArn: arn }));
    emulator.resetCalls();
    const rejected = await cli('apply');
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain('rejected by 111122223333');
    expect(calls('CreateGrantVersion')).toHaveLength(0);
  });
});

describe('a changed grant', () => {
  it('is one CreateGrantVersion with the changed members, pinned to the version after acceptance', async () => {
    const arn = await createGrant();
    await grantee().send(new AcceptGrantCommand({ GrantArn: arn })); // version 2
    await setGrants((grants) => grants?.map((g) => ({ ...g, AllowedOperations: ['CheckoutLicense', 'CreateToken'] })));
    const planned = await cli('plan', '--detailed-exitcode', '--out', '../changed.json');
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(`${arn} (pinned to version 2)`);
    expect(planned.stdout).toContain(
      '~ /Grants/acme-prod/AllowedOperations: ["CheckInLicense","CheckoutLicense"] → ["CheckoutLicense","CreateToken"]',
    );
    const licenses = JSON.parse(await readFile(join(repo.dir, '../changed.json'), 'utf8')).licenses;
    const markdownPaths = licenses.find((l: { file: string }) => l.file === MANIFEST).grants[0].patch;
    expect(markdownPaths).toEqual([
      { op: 'replace', path: '/Grants/acme-prod/AllowedOperations', value: ['CheckoutLicense', 'CreateToken'] },
    ]);
    emulator.resetCalls();
    const applied = await cli('apply');
    expect(applied.code, applied.stdout).toBe(0);
    expect(applied.stdout).toMatch(/updated\s+licenses\/acme-analytics-pro\.json grant acme-prod\s+version 2 → 3/);
    expect(calls('CreateGrantVersion')).toEqual([expect.objectContaining({ grantArn: arn, sourceVersion: '2' })]);
    expect(emulator.grants.get(arn)).toMatchObject({
      GrantStatus: 'ACTIVE',
      GrantedOperations: ['CheckoutLicense', 'CreateToken'],
    });
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  for (const dialect of ['ValidationException', 'ConflictException'] as const) {
    it(`is a conflict, never written over, when the grantee accepts between read and write (${dialect})`, async () => {
      await startWorld(dialect);
      const arn = await createGrant();
      await setGrants((grants) => grants?.map((g) => ({ ...g, AllowedOperations: ['CreateToken'] })));
      emulator.faults.add({ kind: 'concurrent-write', operation: 'CreateGrantVersion', times: 1 });
      const applied = await cli('apply');
      expect(applied.stdout).toContain('(pinned to version 1)');
      expect(applied.code).toBe(1);
      expect(applied.stdout).toMatch(
        /conflict\s+licenses\/acme-analytics-pro\.json grant acme-prod\s+\S+: grant acme-prod changed after it was read \(version 1 → 2, ACTIVE\)/,
      );
      expect(calls('CreateGrantVersion')).toEqual([
        expect.objectContaining({ sourceVersion: '1', errorType: dialect }),
      ]);
      expect(emulator.grants.history(arn)).toHaveLength(2);
      expect(emulator.grants.get(arn)?.GrantedOperations).toEqual(['CheckoutLicense', 'CheckInLicense']);
      // The next run pins to the version after acceptance and converges.
      expect((await cli('apply')).code).toBe(0);
      expect(emulator.grants.get(arn)).toMatchObject({ Version: '3', GrantedOperations: ['CreateToken'] });
    });
  }

  it('in a saved plan the grantee accepted since is refused before anything is sent', async () => {
    const arn = await createGrant();
    await setGrants((grants) => grants?.map((g) => ({ ...g, AllowedOperations: ['CreateToken'] })));
    const saved = await cli('plan', '--out', 'plan.json');
    expect(saved.stdout).toContain('(pinned to version 1)');
    await grantee().send(new AcceptGrantCommand({ GrantArn: arn })); // version 2, unseen by the plan
    emulator.resetCalls();
    const applied = await cli('apply', 'plan.json');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('the plan is stale: grant acme-prod of licenses/acme-analytics-pro.json changed');
    expect(calls('CreateGrantVersion')).toHaveLength(0);
    // Re-planned, it applies.
    await cli('plan', '--out', 'plan.json');
    const again = await cli('apply', 'plan.json');
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(emulator.grants.get(arn)?.GrantedOperations).toEqual(['CreateToken']);
  });

  it('keeps a live member a per-file ignore rule names: not shown, and sent as it is live', async () => {
    const arn = await createGrant();
    const live = { ActivationOverrideBehavior: 'ALL_GRANTS_PERMITTED_BY_ISSUER' } as const;
    // Set by someone else: version 2.
    await issuer().send(
      new CreateGrantVersionCommand({ ClientToken: 'outside-git', GrantArn: arn, SourceVersion: '1', Options: live }),
    );
    const config = { ignore: [{ files: ['licenses/acme-*.json'], pointers: ['/Grants/*/Options'] }] };
    await writeFile(join(repo.dir, 'license-gitops.json'), `${JSON.stringify(config)}\n`);
    const written = { ActivationOverrideBehavior: 'DISTRIBUTED_GRANTS_ONLY' };
    await setGrants((grants) => grants?.map((g) => ({ ...g, AllowedOperations: ['CreateToken'], Options: written })));
    const applied = await cli('apply'); // apply prints the plan it runs
    expect(applied.stdout).toContain('~ /Grants/acme-prod/AllowedOperations: ');
    expect(applied.stdout).not.toContain('Options');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(emulator.grants.get(arn)).toMatchObject({ Version: '3', GrantedOperations: ['CreateToken'], Options: live });
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
    // Without the rule the live Options are drift: the entry holds others.
    await writeFile(join(repo.dir, 'license-gitops.json'), '{}\n');
    await commitAll(repo.dir, 'Drop the rule');
    expect((await cli('plan')).stdout).toContain(
      '~ /Grants/acme-prod/Options/ActivationOverrideBehavior: "ALL_GRANTS_PERMITTED_BY_ISSUER" → "DISTRIBUTED_GRANTS_ONLY"',
    );
  });
  it('to another principal is refused, naming Principals, and apply writes nothing for it', async () => {
    await createGrant();
    await setGrants((grants) => grants?.map((g) => ({ ...g, Principals: ['arn:aws:iam::444455556666:root'] })));
    emulator.resetCalls();
    const applied = await cli('apply');
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain("/Grants/acme-prod/Principals: a grant's principal can't change");
    expect(applied.stdout).toContain('add a new entry under a new name');
    expect(calls('CreateGrant')).toHaveLength(0);
    expect(calls('CreateGrantVersion')).toHaveLength(0);
  });
});

describe('a grant removed from the manifest', () => {
  it('is listed and left alone without --prune, and deleted pinned to the version read with it', async () => {
    const arn = await createGrant();
    await grantee().send(new AcceptGrantCommand({ GrantArn: arn }));
    await setGrants(() => []);
    const planned = await cli('plan', '--detailed-exitcode');
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('not in the manifest: left alone');
    emulator.resetCalls();
    expect((await cli('apply')).code).toBe(0);
    expect(calls('DeleteGrant')).toHaveLength(0);
    const pruned = await cli('apply', '--prune');
    expect(pruned.code, pruned.stdout).toBe(0);
    expect(pruned.stdout).toMatch(/deleted\s+licenses\/acme-analytics-pro\.json grant acme-prod/);
    expect(calls('DeleteGrant')).toEqual([expect.objectContaining({ grantArn: arn, version: '2' })]);
    expect(emulator.grants.get(arn)?.GrantStatus).toBe('DELETED');
    expect((await cli('plan', '--prune', '--detailed-exitcode')).code).toBe(0);
  });

  it('added again after it was pruned is a new grant, never the deleted one', async () => {
    const first = await createGrant();
    await setGrants(() => []);
    expect((await cli('apply', '--prune')).code).toBe(0);
    expect(emulator.grants.get(first)?.GrantStatus).toBe('DELETED');
    const second = await createGrant(); // the same entry, without GrantArn
    expect(second).not.toBe(first);
    expect(emulator.grants.get(second)?.GrantStatus).not.toBe('DELETED');
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('is not deleted when it changed after it was read (a stale delete is a conflict)', async () => {
    const arn = await createGrant();
    await setGrants(() => []);
    emulator.faults.add({ kind: 'concurrent-write', operation: 'DeleteGrant', times: 1 });
    const applied = await cli('apply', '--prune');
    expect(applied.stdout).toContain(`- ${MANIFEST}: grant acme-prod`);
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(/conflict\s+licenses\/acme-analytics-pro\.json grant acme-prod/);
    expect(calls('DeleteGrant')).toEqual([expect.objectContaining({ version: '1', errorType: 'ValidationException' })]);
    expect(emulator.grants.get(arn)?.GrantStatus).toBe('ACTIVE');
  });

  it('is not deleted by a saved plan made before it changed', async () => {
    const arn = await createGrant();
    await setGrants(() => []);
    const saved = await cli('plan', '--prune', '--out', 'plan.json');
    expect(saved.stdout).toContain(`- ${MANIFEST}: grant acme-prod`);
    await grantee().send(new AcceptGrantCommand({ GrantArn: arn }));
    emulator.resetCalls();
    const applied = await cli('apply', 'plan.json');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('the plan is stale: grant acme-prod');
    expect(calls('DeleteGrant')).toHaveLength(0);
    expect(emulator.grants.get(arn)?.GrantStatus).toBe('ACTIVE');
  });
});

describe('two live grants of one name', () => {
  it('plan out, then apply of the saved plan: one is the entry, the other is left alone or pruned, none refused', async () => {
    await createGrant();
    const owner = issuer();
    await owner.send(
      new CreateGrantCommand({
        ClientToken: 'outside-git',
        GrantName: 'acme-prod',
        LicenseArn: ACME,
        Principals: ['arn:aws:iam::444455556666:root'],
        HomeRegion: 'us-east-1',
        AllowedOperations: ['CheckoutLicense'],
      }),
    );
    owner.destroy();
    expect((await cli('plan', '--out', 'plan.json')).code).toBe(0);
    const kept = await cli('apply', 'plan.json');
    expect(kept.code, kept.stdout + kept.stderr).toBe(0);
    expect((await cli('plan', '--prune', '--out', 'prune.json')).code).toBe(0);
    const pruned = await cli('apply', 'prune.json', '--prune');
    expect(pruned.code, pruned.stdout + pruned.stderr).toBe(0);
    expect(calls('DeleteGrant')).toHaveLength(1);
  });
});

describe('invalid grants', () => {
  it('are reported as path:line:col before any call', async () => {
    await setGrants(() => [
      entry({ Principals: ['arn:aws:iam::111122223333:user/bob'] }),
      entry({ AllowedOperations: ['Fly'] }),
    ]);
    emulator.resetCalls();
    const result = await cli('plan');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /licenses\/acme-analytics-pro\.json:\d+:\d+: \/Grants\/0\/Principals\/0 must be a valid account, organization or organizational unit ARN/,
    );
    expect(result.stderr).toMatch(
      /licenses\/acme-analytics-pro\.json:\d+:\d+: \/Grants\/1\/GrantName "acme-prod" repeats/,
    );
    expect(result.stderr).toMatch(/\/Grants\/1\/AllowedOperations\/0 must be one of/);
    expect(emulator.calls).toHaveLength(0);
  });
});

describe('a license created in the same apply', () => {
  it('gets its grants once it exists, and both ARNs are written back', async () => {
    const doc = await manifest();
    const { LicenseArn: _arn, $schema, ...rest } = doc;
    const fresh = {
      $schema,
      ...rest,
      LicenseName: 'Acme Analytics Pro (EU)',
      ProductSKU: 'analytics-pro-eu',
      Beneficiary: 'arn:aws:iam::210987654321:root',
      Grants: [entry({ GrantName: 'eu-prod' })],
    };
    await writeFile(join(repo.dir, 'licenses/acme-eu.json'), `${JSON.stringify(fresh, null, 2)}\n`);
    await commitAll(repo.dir, 'A new license with a grant');
    const applied = await cli('apply'); // apply prints the plan it runs
    expect(applied.stdout).toContain('+ licenses/acme-eu.json: grant eu-prod');
    expect(applied.stdout).toContain('CreateGrant of the new license, once created');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const created = JSON.parse(await readFile(join(repo.dir, 'licenses/acme-eu.json'), 'utf8'));
    expect(created.LicenseArn).toMatch(/:license:l-/);
    const [grant] = emulator.grants.list();
    expect(grant).toMatchObject({ LicenseArn: created.LicenseArn, GrantName: 'eu-prod' });
    expect(created.Grants[0].GrantArn).toBe(grant?.GrantArn);
    const order = emulator.calls.map((c) => c.operation).filter((op) => op === 'CreateLicense' || op === 'CreateGrant');
    expect(order).toEqual(['CreateLicense', 'CreateGrant']);
    await commitAll(repo.dir, 'Record ARNs');
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('import', () => {
  it("writes a license's grants into its manifest, and the round trip has no drift", async () => {
    const arn = await createGrant();
    await grantee().send(new AcceptGrantCommand({ GrantArn: arn }));
    emulator.addGrants([
      {
        GrantArn: 'arn:aws:license-manager::123456789012:grant:g-99999999999999999999999999999999',
        GrantName: 'gone',
        LicenseArn: ACME,
        GrantStatus: 'DELETED',
      },
    ]);
    const imported = await cli('import', ACME, '--dir', 'imported');
    expect(imported.code, imported.stderr).toBe(0);
    const [file] = imported.stdout.match(/imported\/\S+\.json/) ?? [];
    const written = JSON.parse(await readFile(join(repo.dir, file!), 'utf8'));
    expect(written.Grants).toEqual([{ ...entry(), GrantArn: arn }]);
    const planned = await cli('plan', '--dir', 'imported', '--detailed-exitcode');
    expect(planned.code, planned.stdout).toBe(0);
    expect((await cli('validate', '--dir', 'imported')).code).toBe(0);
  });
});
