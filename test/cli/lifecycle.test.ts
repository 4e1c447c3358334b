/**
 * A license's whole life through the CLI, end to end: create from a manifest
 * without LicenseArn (and never twice), prune what git deleted, immutable
 * members, statuses License Manager sets, orphans and import of deleted licenses.
 */
import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator } from '../../src/emulator/index.js';
import { ROOT, awsEnv, commitAll, runCli } from '../helpers/cli.js';
import { ACME, GLOBEX, INITECH, useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();
const { cli } = world;

/** A new license's manifest, laid out by hand (a comment-free JSON file with its own spacing). */
const NEW = `{
  "$schema": "../schemas/license.schema.json",
  "LicenseName": "Hooli Analytics",
  "ProductName": "Analytics Pro",
  "ProductSKU": "analytics-pro-ent",
  "Beneficiary": "arn:aws:iam::999988887777:root",
  "Issuer": { "Name": "Example Software Inc." },
  "HomeRegion": "us-east-1",
  "Validity": { "Begin": "2026-01-01T00:00:00Z", "End": "2027-01-01T00:00:00Z" },
  "Entitlements": [
    { "Name": "seats",   "Unit": "Count", "MaxCount": 50 }
  ],
  "ConsumptionConfiguration": { "RenewType": "Monthly" },
  "Status": "AVAILABLE"
}
`;

const file = (name: string) => join(world.repo.dir, 'licenses', name);
const calls = (operation: string) => world.emulator.calls.filter((c) => c.operation === operation);
const hooli = () => world.emulator.store.list().filter((l) => l.Beneficiary === 'arn:aws:iam::999988887777:root');

/** A path beside the repository (so the tree stays clean), private to this test. */
const beside = (name: string) => join(world.repo.dir, '..', `${world.repo.dir.split('/').pop()}-${name}`);

async function addNew(name = 'hooli.json', text = NEW): Promise<void> {
  await writeFile(file(name), text);
  await commitAll(world.repo.dir, `Add ${name}`);
}

describe('create', () => {
  it('over a folder, an unreadable manifest elsewhere in the tree stops the plan: no one can say what it keeps', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(file('team'));
    await addNew('team/new.json');
    await symlink(join(world.repo.dir, 'nowhere.json'), file('broken.json'));
    const planned = await cli('plan', '--dir', 'licenses/team');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toContain(
      'licenses/broken.json is a broken symlink; a run over a folder reads every manifest of',
    );
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('over a folder, never adopts a license another folder of the tree manages', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(file('other'));
    await mkdir(file('team'));
    await addNew('other/x.json');
    expect((await cli('apply')).code).toBe(0);
    await commitAll(world.repo.dir, 'Record the ARN');
    await addNew('team/new.json'); // the same license again, in another folder, without an ARN
    const planned = JSON.parse((await cli('plan', '--dir', 'licenses/team', '--json')).stdout);
    expect(planned.licenses).toEqual([expect.objectContaining({ file: 'licenses/team/new.json', action: 'create' })]);
  });

  it('plans + create, creates once with the marker, writes the ARN back in place, then converges', async () => {
    await addNew();
    // One plan run: its text on stdout, and the same plan as JSON in the saved file.
    const planned = await cli('plan', '--detailed-exitcode', '--out', beside('created.json'));
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain('+ licenses/hooli.json\n    a new license in us-east-1 (CreateLicense)');
    expect(planned.stdout).toContain('Plan: 1 to create, 2 to update, 1 unchanged, 0 errors.');
    const json = JSON.parse(await readFile(beside('created.json'), 'utf8'));
    const step = json.licenses.find((l: { file: string }) => l.file === 'licenses/hooli.json');
    expect(step).toMatchObject({ action: 'create' });
    expect(step).not.toHaveProperty('licenseArn');

    const applied = await cli('apply');
    expect(applied.code, applied.stderr).toBe(0);
    const [created] = hooli();
    expect(hooli()).toHaveLength(1);
    const arn = created!.LicenseArn;
    expect(applied.stdout).toMatch(
      new RegExp(`created    licenses/hooli\\.json +${arn}; LicenseArn written to licenses/hooli\\.json`),
    );
    expect(applied.stderr).toContain(
      'Wrote the new LicenseArn into its manifest; record it in git with:\n  git commit -m "Record LicenseArn of new licenses" -- licenses/hooli.json\n',
    );
    expect(calls('CreateLicense')).toHaveLength(1);
    expect(calls('CreateLicense')[0]?.region).toBe('us-east-1');
    expect(world.emulator.tagsOf(arn)).toEqual(
      expect.arrayContaining([
        { Key: 'license-gitops:managed-by', Value: 'license-gitops' },
        { Key: 'license-gitops:manifest', Value: 'hooli.json' },
      ]),
    );
    expect(created).not.toHaveProperty('Tags');
    expect((created!.LicenseMetadata as unknown[] | undefined) ?? []).toEqual([]); // the marker is no metadata

    // Only the LicenseArn line was added, right after $schema; the rest is byte for byte.
    const lines = NEW.split('\n');
    lines.splice(2, 0, `  "LicenseArn": "${arn}",`);
    expect(await readFile(file('hooli.json'), 'utf8')).toBe(lines.join('\n'));

    await commitAll(world.repo.dir, 'Record LicenseArn');
    const again = await cli('plan', '--detailed-exitcode', '--json');
    const hooliStep = JSON.parse(again.stdout).licenses.find((l: { file: string }) => l.file === 'licenses/hooli.json');
    expect(hooliStep).toMatchObject({ action: 'noop', licenseArn: arn });
    expect(calls('CreateLicense')).toHaveLength(1);
  });

  it('sets a status CreateLicense cannot (DEACTIVATED) with one version pinned to the new license', async () => {
    await addNew('hooli.json', NEW.replace('"Status": "AVAILABLE"', '"Status": "DEACTIVATED"'));
    const applied = await cli('apply');
    expect(applied.code, applied.stderr).toBe(0);
    const [created] = hooli();
    expect(created).toMatchObject({ Status: 'DEACTIVATED', Version: '2' });
    const version = calls('CreateLicenseVersion').find((c) => c.licenseArn === created!.LicenseArn);
    expect(version?.sourceVersion).toBe('1');
  });

  it('never twice: when the written-back ARN is lost, the next plan adopts the license and apply writes it again', async () => {
    await addNew();
    expect((await cli('apply')).code).toBe(0);
    const arn = hooli()[0]!.LicenseArn;
    await simpleGit(world.repo.dir).checkout(['--', 'licenses/hooli.json']); // the write-back never reached git
    expect(await readFile(file('hooli.json'), 'utf8')).toBe(NEW);

    const planned = await cli('plan', '--detailed-exitcode', '--out', beside('adopted.json'));
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(`~ licenses/hooli.json\n    ${arn}: created by license-gitops from this manifest`);
    expect(planned.stdout).not.toContain('+ licenses/hooli.json');
    const json = JSON.parse(await readFile(beside('adopted.json'), 'utf8'));
    expect(json.licenses.find((l: { file: string }) => l.file === 'licenses/hooli.json')).toMatchObject({
      action: 'noop',
      adopted: true,
      licenseArn: arn,
    });
    expect(calls('ListLicenses').length).toBeGreaterThan(0);
    expect(calls('ListTagsForResource').length).toBeGreaterThan(0);

    const applied = await cli('apply');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/unchanged  licenses\/hooli\.json +LicenseArn written to licenses\/hooli\.json/);
    expect(calls('CreateLicense')).toHaveLength(1);
    expect(hooli()).toHaveLength(1);
    expect(JSON.parse(await readFile(file('hooli.json'), 'utf8')).LicenseArn).toBe(arn);
  });

  it.each(['replay', 'ignore'] as const)(
    'never twice: a CreateLicense whose reply is lost makes one license (ClientToken dialect %s)',
    async (clientToken) => {
      const seed = await readSeedFile(join(ROOT, 'demo/seed.json'));
      const emulator = await startEmulator({ seed, dialect: { clientToken } });
      try {
        emulator.faults.add({ kind: 'drop-reply', operation: 'CreateLicense', times: 1 });
        await addNew();
        const applied = await runCli(['apply'], { cwd: world.repo.dir, env: awsEnv(emulator.url) });
        expect(applied.code, applied.stderr).toBe(0);
        const made = emulator.store.list().filter((l) => l.Beneficiary === 'arn:aws:iam::999988887777:root');
        expect(made).toHaveLength(1);
        expect(emulator.calls.filter((c) => c.operation === 'CreateLicense')).toHaveLength(1);
        expect(JSON.parse(await readFile(file('hooli.json'), 'utf8')).LicenseArn).toBe(made[0]!.LicenseArn);
      } finally {
        await emulator.close();
      }
    },
  );

  it('a saved plan carries its create; applying it again is refused as spent, and no second license is made', async () => {
    await addNew();
    const saved = join(world.repo.dir, '..', `${world.repo.dir.split('/').pop()}-create.json`);
    expect((await cli('plan', '--changed-since', 'HEAD~1', '--out', saved)).code).toBe(0);
    const first = await cli('apply', saved);
    expect(first.code, first.stderr).toBe(0);
    await simpleGit(world.repo.dir).checkout(['--', 'licenses/hooli.json']); // leave the tree as the plan saw it
    const again = await cli('apply', saved);
    await rm(saved, { force: true });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the plan is spent: licenses\/hooli\.json was created since it was planned/);
    expect(hooli()).toHaveLength(1);
    expect(calls('CreateLicense')).toHaveLength(1);
  });

  it('refuses a manifest without LicenseArn that lacks ProductSKU or Beneficiary, with no call', async () => {
    await addNew('hooli.json', NEW.replace('  "ProductSKU": "analytics-pro-ent",\n', ''));
    const result = await cli('plan');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /licenses\/hooli\.json:1:1: missing required member "ProductSKU" \(a manifest without LicenseArn/,
    );
    expect(world.emulator.calls).toHaveLength(0);
  });
});

describe('prune', () => {
  async function removeInitech(): Promise<string> {
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    await rm(file('initech-support.json'));
    await commitAll(world.repo.dir, 'Retire Initech');
    return base;
  }

  it('without --prune lists a removed manifest and leaves its license alone', async () => {
    const base = await removeInitech();
    const result = await cli('apply', '--changed-since', base);
    expect(result.stdout).toContain('- licenses/initech-support.json (removed from git)');
    expect(result.stdout).toContain('apply deletes a license only with --prune');
    expect(calls('DeleteLicense')).toHaveLength(0);
    expect(world.emulator.store.get(INITECH)?.Status).toBe('AVAILABLE');
  });

  it('with --prune plans - delete pinned to the version read, and deletes with that pin', async () => {
    const base = await removeInitech();
    const planned = await cli('plan', '--changed-since', base, '--prune', '--detailed-exitcode');
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(`- licenses/initech-support.json\n    ${INITECH} (pinned to version 2)`);
    expect(planned.stdout).toContain('no active grants');
    expect(planned.stdout).toContain('1 to delete');
    const applied = await cli('apply', '--changed-since', base, '--prune');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`deleted    licenses/initech-support.json  ${INITECH} (was version 2)`);
    expect(calls('DeleteLicense')).toEqual([
      expect.objectContaining({ licenseArn: INITECH, sourceVersion: '2', region: 'us-west-2' }),
    ]);
    expect(world.emulator.store.get(INITECH)?.Status).toBe('DELETED');
    const again = await cli('plan', '--changed-since', base, '--prune', '--detailed-exitcode');
    expect(again.code).toBe(0);
  });

  it('a delete whose license changed since the plan is a conflict, and nothing is deleted', async () => {
    const base = await removeInitech();
    const saved = join(world.repo.dir, '..', `${world.repo.dir.split('/').pop()}-plan.json`);
    expect((await cli('plan', '--changed-since', base, '--prune', '--out', saved)).code).toBe(0);
    world.emulator.faults.add({ kind: 'concurrent-write', operation: 'DeleteLicense', times: 1 });
    const applied = await cli('apply', saved);
    await rm(saved, { force: true });
    expect(applied.code).toBe(1);
    expect(applied.stdout).toMatch(
      /conflict\s+licenses\/initech-support\.json .*pinned version 2, it is now at version 3/,
    );
    expect(world.emulator.store.get(INITECH)?.Status).toBe('AVAILABLE');
  });

  it('a saved plan whose removed manifest names a license already deleted applies as nothing to do', async () => {
    const base = await removeInitech();
    world.emulator.addLicenses([{ ...world.emulator.store.get(INITECH)!, Status: 'DELETED' }]);
    const saved = join(world.repo.dir, '..', `${world.repo.dir.split('/').pop()}-gone-plan.json`);
    const planned = await cli('plan', '--changed-since', base, '--prune', '--out', saved, '--detailed-exitcode');
    expect(planned.code, planned.stderr).toBe(0);
    const applied = await cli('apply', saved);
    await rm(saved, { force: true });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stderr).not.toContain('no manifest');
    expect(calls('DeleteLicense')).toHaveLength(0);
  });

  it('retires the last manifests too, though git removed their folder with them', async () => {
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    await rm(join(world.repo.dir, 'licenses'), { recursive: true });
    await commitAll(world.repo.dir, 'Retire every license');
    const planned = await cli('plan', '--changed-since', base, '--prune', '--detailed-exitcode');
    expect(planned.code, planned.stderr).toBe(2);
    expect(planned.stdout).toContain('3 to delete');
    const applied = await cli('apply', '--changed-since', base, '--prune');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(
      calls('DeleteLicense')
        .map((c) => c.licenseArn)
        .sort(),
    ).toEqual([ACME, GLOBEX, INITECH].sort());
    for (const command of ['plan', 'apply']) {
      const typo = await cli(command, '--prune', '--dir', 'licences');
      expect(typo.code).toBe(1);
      expect(typo.stderr).toMatch(/manifest directory "[^"]*licences" (does not exist|is not a folder)/);
    }
    expect(calls('DeleteLicense')).toHaveLength(3);
  });

  it('after a lost DeleteLicense reply, reading again shows it worked (PENDING_DELETE counts)', async () => {
    const base = await removeInitech();
    world.emulator.setDeleteDialect('pending');
    world.emulator.faults.add({ kind: 'drop-reply', operation: 'DeleteLicense', times: 1 });
    const applied = await cli('apply', '--changed-since', base, '--prune', '--max-attempts', '1');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain('deleted    licenses/initech-support.json');
    expect(world.emulator.store.get(INITECH)?.Status).toBe('PENDING_DELETE');
  });

  it('after a lost DeleteLicense reply, a license that no longer reads at all was deleted too', async () => {
    const base = await removeInitech();
    world.emulator.setDeleteDialect('vanishes');
    world.emulator.faults.add({ kind: 'drop-reply', operation: 'DeleteLicense', times: 1 });
    const applied = await cli('apply', '--changed-since', base, '--prune');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toContain('deleted    licenses/initech-support.json');
    expect(world.emulator.store.has(INITECH)).toBe(false);
  });

  it('refuses a license with active grants unless --force-delete-granted, saying how many', async () => {
    const base = await removeInitech();
    const grant = (n: number, status: string) => ({
      GrantArn: `arn:aws:license-manager::123456789012:grant:g-${n}`,
      GrantName: `g${n}`,
      ParentArn: 'arn:aws:license-manager::123456789012:license-configuration:lic-1',
      LicenseArn: INITECH,
      GranteePrincipalArn: 'arn:aws:iam::111122223333:root',
      HomeRegion: 'us-west-2',
      GrantStatus: status,
      Version: '1',
      GrantedOperations: ['CheckoutLicense'],
    });
    world.emulator.addGrants([grant(1, 'ACTIVE'), grant(2, 'PENDING_ACCEPT'), grant(3, 'REJECTED')]);
    const refused = await cli('apply', '--changed-since', base, '--prune');
    expect(refused.code).toBe(1);
    expect(refused.stderr + refused.stdout).toMatch(/2 active grants.*--force-delete-granted/);
    expect(calls('DeleteLicense')).toHaveLength(0);
    const forced = await cli('apply', '--changed-since', base, '--prune', '--force-delete-granted');
    expect(forced.code, forced.stdout).toBe(0);
    expect(world.emulator.store.get(INITECH)?.Status).toBe('DELETED');
  });

  it('--max-changes counts deletes', async () => {
    const base = await removeInitech();
    const result = await cli('apply', '--changed-since', base, '--prune', '--max-changes', '0');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('the plan would change 1 license (1 change), more than --max-changes 0');
    expect(calls('DeleteLicense')).toHaveLength(0);
  });

  it('in a full run, retires a license it created whose manifest is gone, and never one it did not create', async () => {
    await addNew();
    expect((await cli('apply')).code).toBe(0);
    const arn = hooli()[0]!.LicenseArn;
    await rm(file('hooli.json'));
    await rm(file('initech-support.json'));
    await commitAll(world.repo.dir, 'Remove two manifests');
    const planned = await cli('plan', '--prune', '--json');
    // A full prune looks for marked licenses in the default region too: nothing but the plan on stderr.
    expect(planned.stderr).not.toContain('Warning');
    const deletes = JSON.parse(planned.stdout).licenses.filter((l: { action: string }) => l.action === 'delete');
    expect(deletes).toEqual([
      expect.objectContaining({ licenseArn: arn, file: 'licenses/hooli.json', sourceVersion: '1' }),
    ]);
    expect((await cli('plan')).stdout).not.toContain('- licenses/hooli.json'); // prune is off by default
    expect((await cli('apply', '--prune')).code).toBe(0);
    expect(world.emulator.store.get(arn)?.Status).toBe('DELETED');
    expect(world.emulator.store.get(INITECH)?.Status).toBe('AVAILABLE');
  });

  it('over a folder of the tree, retires only what was created from that folder and no license another folder declares', async () => {
    const { mkdir, rename } = await import('node:fs/promises');
    await mkdir(file('team'));
    await mkdir(file('other'));
    const named = (name: string, sku: string) => NEW.replace('Hooli Analytics', name).replace('analytics-pro-ent', sku);
    await addNew('hooli.json'); // created from the tree's top, managed there
    await addNew('team/gone.json', named('Team Gone', 'sku-gone'));
    await addNew('team/moved.json', named('Team Moved', 'sku-moved'));
    expect((await cli('apply')).code).toBe(0);
    await commitAll(world.repo.dir, 'Record the new ARNs');
    const arnOf = (name: string) => world.emulator.store.list().find((l) => l.LicenseName === name)!.LicenseArn;
    await rm(file('team/gone.json'));
    await rename(file('team/moved.json'), file('other/moved.json')); // its LicenseArn goes with it
    await writeFile(file('team/kept.json'), await readFile(file('acme-analytics-pro.json'), 'utf8'));
    await rm(file('acme-analytics-pro.json'));
    await commitAll(world.repo.dir, 'Remove one, move one');

    const planned = await cli('plan', '--prune', '--dir', 'licenses/team', '--json');
    expect(planned.code, planned.stderr).toBe(0);
    const deletes = JSON.parse(planned.stdout).licenses.filter((l: { action: string }) => l.action === 'delete');
    expect(deletes).toEqual([
      expect.objectContaining({ licenseArn: arnOf('Team Gone'), file: 'licenses/team/gone.json' }),
    ]);
    expect((await cli('apply', '--prune', '--dir', 'licenses/team')).code).toBe(0);
    expect(world.emulator.store.get(arnOf('Team Gone'))?.Status).toBe('DELETED');
    for (const kept of [arnOf('Hooli Analytics'), arnOf('Team Moved'), ACME])
      expect(world.emulator.store.get(kept)?.Status).toBe('AVAILABLE');
    // orphans over the folder counts every manifest of the tree as a claim
    const orphans = JSON.parse((await cli('orphans', '--dir', 'licenses/team', '--json')).stdout);
    expect(orphans.orphans.map((o: { licenseArn: string }) => o.licenseArn)).not.toContain(arnOf('Hooli Analytics'));
  });

  it('over a folder, a saved prune plan applies with the command it prints, and only over that folder', async () => {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(file('team'));
    await addNew('hooli.json');
    await addNew(
      'team/gone.json',
      NEW.replace('Hooli Analytics', 'Team Gone').replace('analytics-pro-ent', 'sku-gone'),
    );
    expect((await cli('apply')).code).toBe(0);
    await commitAll(world.repo.dir, 'Record the new ARNs');
    await rm(file('team/gone.json'));
    await rm(file('hooli.json')); // not the folder's: never pruned by its run
    await commitAll(world.repo.dir, 'Remove both');
    const saved = await cli('plan', '--prune', '--dir', 'licenses/team', '--out', 'plan.json');
    expect(saved.stderr).toContain('apply exactly it with: license-gitops apply plan.json --dir licenses/team');
    const elsewhere = await cli('apply', 'plan.json');
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('run: license-gitops apply plan.json --dir licenses/team');
    const applied = await cli('apply', 'plan.json', '--dir', 'licenses/team');
    expect(applied.code, applied.stderr).toBe(0);
    const byName = (name: string) => world.emulator.store.list().find((l) => l.LicenseName === name)!;
    expect(byName('Team Gone').Status).toBe('DELETED');
    expect(byName('Hooli Analytics').Status).toBe('AVAILABLE');
  });

  it('a --dir that names no folder at the --ref commit is an error, never a prune of every license it created', async () => {
    await addNew();
    expect((await cli('apply')).code).toBe(0);
    const arn = hooli()[0]!.LicenseArn;
    await commitAll(world.repo.dir, 'Record the new ARN');
    for (const command of ['plan', 'apply']) {
      const typo = await cli(command, '--ref', 'HEAD', '--prune', '--dir', 'licences');
      expect(typo.code, typo.stdout + typo.stderr).toBe(1);
      expect(typo.stderr).toMatch(/manifest directory "[^"]*licences" is not a folder at HEAD \(commit [0-9a-f]{40}\)/);
    }
    expect(calls('DeleteLicense')).toHaveLength(0);
    expect(world.emulator.store.get(arn)?.Status).toBe('AVAILABLE');
  });

  it('a --dir that git holds as a file or a link, not a folder, is an error in every mode, never a prune', async () => {
    await addNew();
    expect((await cli('apply')).code).toBe(0);
    const arn = hooli()[0]!.LicenseArn;
    await writeFile(join(world.repo.dir, 'LICENSE'), 'all rights reserved\n');
    await symlink('licenses', join(world.repo.dir, 'lic-link'));
    await commitAll(world.repo.dir, 'Record the new ARN, a LICENSE file and a link to the manifests');
    for (const dir of ['LICENSE', 'lic-link'])
      for (const command of [['plan'], ['apply'], ['plan', '--ref', 'HEAD']]) {
        const result = await cli(...command, '--prune', '--dir', dir);
        expect(result.code, `${command.join(' ')} --dir ${dir}: ${result.stdout}${result.stderr}`).toBe(1);
        expect(result.stderr).toMatch(new RegExp(`manifest directory "[^"]*${dir}" (is not a|does not exist)`));
      }
    expect(calls('DeleteLicense')).toHaveLength(0);
    expect(world.emulator.store.get(arn)?.Status).toBe('AVAILABLE');
  });

  it('a manifest folder moved elsewhere is an error for its old --dir, never a prune of what it declared', async () => {
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    await simpleGit(world.repo.dir).raw(['mv', 'licenses', 'manifests']);
    await commitAll(world.repo.dir, 'Move the manifests');
    for (const command of [
      ['plan', '--changed-since', base],
      ['apply', '--changed-since', base],
      ['plan', '--base', base],
    ]) {
      const result = await cli(...command, '--prune');
      expect(result.code, `${command.join(' ')}: ${result.stdout}${result.stderr}`).toBe(1);
      expect(result.stderr).toContain(
        'its manifests were moved (licenses/acme-analytics-pro.json → manifests/acme-analytics-pro.json',
      );
    }
    expect(calls('DeleteLicense')).toHaveLength(0);
    const moved = await cli('plan', '--prune', '--dir', 'manifests', '--detailed-exitcode');
    expect(moved.stdout).not.toContain('to delete');
  });

  it('a saved plan that deletes the last manifests applies from a checkout where git removed their folder', async () => {
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    await rm(join(world.repo.dir, 'licenses'), { recursive: true });
    await commitAll(world.repo.dir, 'Retire every license');
    const saved = join(world.repo.dir, '..', `${world.repo.dir.split('/').pop()}-last-plan.json`);
    const planned = await cli('plan', '--changed-since', base, '--prune', '--out', saved, '--detailed-exitcode');
    expect(planned.code, planned.stderr).toBe(2);
    const applied = await cli('apply', saved);
    await rm(saved, { force: true });
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(calls('DeleteLicense')).toHaveLength(3);
  });

  it('a manifest added again after its license was pruned creates a new license, never the deleted one', async () => {
    await addNew();
    expect((await cli('apply')).code).toBe(0);
    const first = hooli()[0]!.LicenseArn;
    await rm(file('hooli.json'));
    await commitAll(world.repo.dir, 'Retire hooli');
    expect((await cli('apply', '--prune')).code).toBe(0);
    expect(world.emulator.store.get(first)?.Status).toBe('DELETED');
    for (let round = 2; round <= 3; round++) {
      await addNew(); // the same text as the first time, without LicenseArn
      const applied = await cli('apply');
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      const live = hooli().filter((l) => l.Status === 'AVAILABLE');
      expect(live).toHaveLength(1);
      expect(hooli()).toHaveLength(round);
      expect(JSON.parse(await readFile(file('hooli.json'), 'utf8')).LicenseArn).toBe(live[0]!.LicenseArn);
      await commitAll(world.repo.dir, `Record hooli ${round}`);
      expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
      if (round === 2) {
        await rm(file('hooli.json'));
        await commitAll(world.repo.dir, 'Retire hooli again');
        expect((await cli('apply', '--prune')).code).toBe(0);
      }
    }
  });
});

describe('what cannot change in place', () => {
  it.each([
    ['ProductSKU', '"ProductSKU": "other-sku",'],
    ['Beneficiary', '"Beneficiary": "arn:aws:iam::111111111111:root",'],
  ])('another %s is an error naming it; apply writes nothing for it and exits 1', async (member, line) => {
    const path = file('acme-analytics-pro.json');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('"LicenseName":', `${line}\n  "LicenseName":`));
    await commitAll(world.repo.dir, `Change ${member}`);
    const applied = await cli('apply');
    expect(applied.code).toBe(1);
    expect(applied.stdout).toContain(`${member} can't be changed by a new version`);
    expect(applied.stdout).toContain('needs a new license');
    expect(calls('CreateLicenseVersion').filter((c) => c.licenseArn === ACME)).toHaveLength(0);
  });

  it('equal ProductSKU and Beneficiary are fine and are not sent in CreateLicenseVersion', async () => {
    const path = file('acme-analytics-pro.json');
    const text = await readFile(path, 'utf8');
    await writeFile(
      path,
      text.replace(
        '"LicenseName":',
        '"ProductSKU": "analytics-pro-ent",\n  "Beneficiary": "arn:aws:iam::210987654321:root",\n  "LicenseName":',
      ),
    );
    await commitAll(world.repo.dir, 'Carry the fixed members');
    expect((await cli('apply')).code).toBe(0);
    const acme = world.emulator.store.get(ACME);
    expect(acme?.Version).toBe('4');
  });

  it('reports EXPIRED instead of writing it back, and says extending Validity.End renews it', async () => {
    world.emulator.addLicenses([{ ...world.emulator.store.get(INITECH)!, Status: 'EXPIRED' } as never]);
    const result = await cli('plan', '--json');
    const initech = JSON.parse(result.stdout).licenses.find((l: { licenseArn: string }) => l.licenseArn === INITECH);
    expect(initech.patch.map((op: { path: string }) => op.path)).not.toContain('/Status');
    expect(initech.note).toMatch(/EXPIRED.*extending Validity\.End in the manifest renews it/);
  });

  it('updates other drift of a SUSPENDED license and leaves it SUSPENDED, as the plan says', async () => {
    world.emulator.addLicenses([{ ...world.emulator.store.get(INITECH)!, Status: 'SUSPENDED' } as never]);
    const applied = await cli('apply'); // apply prints the plan it runs
    expect(applied.stdout).toContain('its Status is not written back');
    expect(applied.stdout).toMatch(/updated\s+licenses\/initech-support\.json/);
    expect(world.emulator.store.get(INITECH)).toMatchObject({ Status: 'SUSPENDED', Version: '3' });
  });
});

describe('orphans', () => {
  it('lists live licenses no manifest claims, with the import command, skipping deleted ones', async () => {
    const extra = (n: string, Status: string) => ({
      ...world.emulator.store.get(ACME)!,
      LicenseArn: `arn:aws:license-manager::123456789012:license:l-${n.repeat(32)}`,
      LicenseName: `Orphan ${n}`,
      Status,
    });
    world.emulator.addLicenses([extra('e', 'AVAILABLE'), extra('d', 'DELETED'), extra('p', 'PENDING_DELETE')] as never);
    const result = await cli('orphans', '--detailed-exitcode');
    expect(result.code, result.stderr).toBe(2);
    const orphanArn = `arn:aws:license-manager::123456789012:license:l-${'e'.repeat(32)}`;
    expect(result.stdout).toContain(`? ${orphanArn}  Orphan e  (Analytics Pro, AVAILABLE, HomeRegion us-east-1)`);
    expect(result.stdout).toContain(`license-gitops import ${orphanArn} --region us-east-1`);
    expect(result.stdout).not.toContain('Orphan d');
    expect(result.stdout).not.toContain('Orphan p');
    expect(result.stdout).not.toContain(ACME);
    const json = JSON.parse((await cli('orphans', '--json')).stdout);
    expect(json.orphans.map((o: { licenseArn: string }) => o.licenseArn)).toEqual([orphanArn]);
    expect(json.regions).toEqual(['eu-west-1', 'us-east-1', 'us-west-2']);
    expect(world.emulator.calls.every((c) => c.operation === 'ListLicenses')).toBe(true);
  });

  it("reports each license's HomeRegion in text and JSON", async () => {
    const far = `arn:aws:license-manager::123456789012:license:l-${'f'.repeat(32)}`;
    world.emulator.addLicenses([
      { ...world.emulator.store.get(ACME)!, LicenseArn: far, LicenseName: 'Far', HomeRegion: 'ap-south-1' },
    ] as never);
    const text = (await cli('orphans', '--region', 'us-west-2')).stdout;
    expect(text).toContain(`? ${far}  Far  (Analytics Pro, AVAILABLE, HomeRegion ap-south-1)`);
    expect(text).toContain(`license-gitops import ${far} --region ap-south-1`);
    const json = JSON.parse((await cli('orphans', '--region', 'us-west-2', '--json')).stdout);
    expect(json.orphans).toEqual([
      expect.objectContaining({ licenseArn: far, homeRegion: 'ap-south-1', region: 'ap-south-1' }),
    ]);
  });

  it('exits 0 when every live license has a manifest', async () => {
    const result = await cli('orphans', '--detailed-exitcode', '--region', 'us-west-2');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Orphans: 0 live licenses in us-west-2 without a manifest (deleted licenses skipped).',
    );
  });
});
