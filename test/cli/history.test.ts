/**
 * `history`, end to end: the built CLI in a temporary git repository and the
 * emulator over HTTP. Each version is matched to the commit of its manifest
 * that declared it, and apply tags each license it writes with that commit.
 */
import { CreateLicenseVersionCommand, GetLicenseCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ROOT, awsEnv, commitAll, runCli, tempRepo } from '../helpers/cli.js';
import { ACME } from '../helpers/demo-world.js';

const MANIFEST = 'licenses/acme-analytics-pro.json';
const COMMIT_TAG = 'license-gitops:commit';

let emulator: Emulator;
let repo: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  emulator = await startEmulator({ seed: await readSeedFile(join(ROOT, 'demo/seed.json')) });
  repo = await tempRepo();
});
afterEach(async () => {
  await emulator.close();
  await repo.cleanup();
});

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: awsEnv(emulator.url) });
const head = async () => (await simpleGit(repo.dir).revparse(['HEAD'])).trim();
const tagsOf = (arn: string) => Object.fromEntries(emulator.tagsOf(arn).map((t) => [t.Key, t.Value]));

async function editSeats(seats: number): Promise<string> {
  const doc = JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
  doc.Entitlements[0].MaxCount = seats;
  await writeFile(join(repo.dir, MANIFEST), `${JSON.stringify(doc, null, 2)}\n`);
  return commitAll(repo.dir, `Seats: ${seats}`);
}

async function applied(): Promise<void> {
  const out = await cli('apply');
  expect(out.code, out.stdout + out.stderr).toBe(0);
}

/** A new version made straight through the API, as someone outside git would. */
async function versionOutsideGit(seats: number): Promise<void> {
  const sdk = new LicenseManagerClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
  const { License: live } = await sdk.send(new GetLicenseCommand({ LicenseArn: ACME }));
  const { LicenseArn, LicenseName, ProductName, Issuer, HomeRegion, Validity, LicenseMetadata, Entitlements } = live!;
  await sdk.send(
    new CreateLicenseVersionCommand({
      LicenseArn,
      LicenseName,
      ProductName,
      Issuer: { Name: Issuer!.Name!, SignKey: Issuer!.SignKey! },
      HomeRegion,
      Validity,
      LicenseMetadata,
      Entitlements: Entitlements!.map((e, i) => (i === 0 ? { ...e, MaxCount: seats } : e)),
      ConsumptionConfiguration: live!.ConsumptionConfiguration,
      Status: 'AVAILABLE',
      ClientToken: `outside-${seats}`,
      SourceVersion: live!.Version,
    }),
  );
  sdk.destroy();
}

describe('history', () => {
  it('matches each version applied to the commit that declared it, newest first', async () => {
    const first = await head();
    await applied();
    const second = await editSeats(300);
    await applied();
    expect(tagsOf(ACME)[COMMIT_TAG]).toBe(second);

    const out = await cli('history', MANIFEST);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.split('\n').filter((l) => l.includes('version '));
    expect(lines[0]).toMatch(
      new RegExp(`^= version 5, \\S+: commit ${second.slice(0, 12)} by Test, .*license-gitops:commit tag`),
    );
    expect(lines[1]).toMatch(new RegExp(`^= version 4, \\S+: commit ${first.slice(0, 12)} by Test, `));
    expect(lines[1]).not.toContain('tag');
    // The seed's version came from no commit of this repository.
    expect(lines[2]).toMatch(/^\? version 3, \S+: not from this repository$/);
    expect(out.stdout).toContain('3 versions, 1 not from this repository; 2 commits of the manifest read.');
  });

  it('flags a version made outside git as not from this repository, and --json says the same', async () => {
    const first = await head();
    await applied();
    await versionOutsideGit(999);

    const out = await cli('history', MANIFEST);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/^\? version 5, \S+: not from this repository$/m);
    // The tag still names the commit apply wrote: the newest version holding its manifest.
    expect(out.stdout).toMatch(
      new RegExp(`^= version 4, \\S+: commit ${first.slice(0, 12)} .*license-gitops:commit tag`, 'm'),
    );

    const json = await cli('history', MANIFEST, '--json');
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ file: MANIFEST, licenseArn: ACME, region: 'us-east-1', taggedCommit: first });
    expect(report.versions.map((v: { version: string; match: string }) => [v.version, v.match])).toEqual([
      ['5', 'none'],
      ['4', 'tag'],
      ['3', 'none'],
    ]);
    expect(report.versions[1].commit).toMatchObject({ hash: first, author: 'Test', path: MANIFEST });
    expect(report.versions[0]).toMatchObject({ fromRepository: false });
    expect(report.versions[0].createTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('given an ARN, follows the manifest that declares it; --limit bounds the versions shown', async () => {
    await applied();
    await editSeats(300);
    await applied();
    const out = await cli('history', ACME, '--limit', '1');
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.split('\n')[0]).toBe(`${MANIFEST}  ${ACME}`);
    expect(out.stdout.match(/^[=?] version /gm)).toHaveLength(1);
    expect(out.stdout).toContain('(newest shown; --limit for more)');

    const unknown = await cli(
      'history',
      'arn:aws:license-manager::123456789012:license:l-ffffffffffffffffffffffffffffffff',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no manifest under licenses declares this LicenseArn');
  });

  it('follows a templated manifest: its region from the template, and the commits of either file', async () => {
    const doc = JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
    const { $schema: _s, LicenseArn, LicenseName, Validity, LicenseMetadata, ...shared } = doc;
    await mkdir(join(repo.dir, 'licenses/products'));
    const template = (seats: number) =>
      writeFile(
        join(repo.dir, 'licenses/products/ap.json'),
        JSON.stringify({
          ...shared,
          Entitlements: shared.Entitlements.map((e: { Name: string }, i: number) =>
            i === 0 ? { ...e, MaxCount: seats } : e,
          ),
        }),
      );
    await template(260);
    await writeFile(
      join(repo.dir, MANIFEST),
      JSON.stringify({ $template: 'products/ap.json', LicenseArn, LicenseName, Validity, LicenseMetadata }),
    );
    const first = await commitAll(repo.dir, 'Acme from the product template');
    await applied();
    await template(270);
    const second = await commitAll(repo.dir, 'Template: 270 seats');
    await applied();

    // The ARN names no region: the template's HomeRegion says where to read.
    const out = await cli('history', ACME);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.split('\n').filter((l) => l.includes('version '));
    expect(lines[0]).toMatch(
      new RegExp(`^= version 5, \\S+: commit ${second.slice(0, 12)} .*license-gitops:commit tag`),
    );
    expect(lines[1]).toMatch(new RegExp(`^= version 4, \\S+: commit ${first.slice(0, 12)} by Test, `));
    expect(lines[2]).toMatch(/^\? version 3, /);

    const template_ = await cli('history', 'licenses/products/ap.json');
    expect(template_.code).toBe(1);
    expect(template_.stderr).toContain('or a product template');
  });

  it('is refused for a manifest with no LicenseArn, with what to do', async () => {
    const doc = JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
    delete doc.LicenseArn;
    await writeFile(join(repo.dir, 'licenses/new.json'), JSON.stringify(doc));
    const out = await cli('history', 'licenses/new.json');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('declares no LicenseArn');
  });
});

describe('the commit tag apply writes', () => {
  it('is set in CreateLicense and after CreateLicenseVersion, to the full commit applied', async () => {
    const doc = JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
    delete doc.LicenseArn;
    doc.LicenseName = 'Acme Analytics Lite';
    doc.ProductSKU = 'lite-1';
    doc.Beneficiary = 'arn:aws:iam::111122223333:root';
    doc.Tags = [{ Key: 'Owner', Value: 'sales' }];
    await writeFile(join(repo.dir, 'licenses/lite.json'), `${JSON.stringify(doc, null, 2)}\n`);
    const created = await commitAll(repo.dir, 'Add Lite');
    await applied();

    // One CreateLicense, its tags the commit's; no TagResource needed for a license it created.
    expect(emulator.calls.filter((c) => c.operation === 'CreateLicense')).toHaveLength(1);
    const arn = JSON.parse(await readFile(join(repo.dir, 'licenses/lite.json'), 'utf8')).LicenseArn as string;
    expect(tagsOf(arn)).toMatchObject({ [COMMIT_TAG]: created, Owner: 'sales' });
    expect(tagsOf(ACME)[COMMIT_TAG]).toBe(created);

    // The tag is reserved: plan never counts it as drift of the manifest's tags.
    const plan = await cli('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout).toBe(0);

    const history = await cli('history', 'licenses/lite.json');
    expect(history.stdout).toMatch(new RegExp(`^= version 1, \\S+: commit ${created.slice(0, 12)} .*tag`, 'm'));
  });

  it('is not written when apply runs on a working tree no commit vouches for', async () => {
    const doc = JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
    doc.Entitlements[0].MaxCount = 301;
    await writeFile(join(repo.dir, MANIFEST), `${JSON.stringify(doc, null, 2)}\n`);
    const out = await cli('apply', '--allow-dirty');
    expect(out.code, out.stdout + out.stderr).toBe(0);
    expect((emulator.store.get(ACME)?.Entitlements as Array<{ MaxCount?: number }>)[0]?.MaxCount).toBe(301);
    expect(tagsOf(ACME)[COMMIT_TAG]).toBeUndefined();
  });
});
