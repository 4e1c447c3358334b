/**
 * User tags as code, end to end: the built CLI in a temporary git repository
 * and the emulator over HTTP as License Manager. Tags of a license and of a
 * grant are their own kind: TagResource / UntagResource, never a new version.
 */
import { TagResourceCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ROOT, awsEnv, commitAll, runCli, tempRepo } from '../helpers/cli.js';
import { ACME } from '../helpers/demo-world.js';

const MANIFEST = 'licenses/acme-analytics-pro.json';
const PRINCIPAL = 'arn:aws:iam::111122223333:root';

let emulator: Emulator;
let repo: { dir: string; cleanup: () => Promise<void> };

beforeEach(async () => {
  emulator = await startEmulator({ seed: await readSeedFile(join(ROOT, 'demo/seed.json')) });
  repo = await tempRepo();
  // The demo's drift first, so what follows is about tags alone.
  expect((await cli('apply')).code).toBe(0);
});
afterEach(async () => {
  await emulator.close();
  await repo.cleanup();
});

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: awsEnv(emulator.url) });
const calls = (operation: string) => emulator.calls.filter((c) => c.operation === operation);
const COMMIT_TAG = 'license-gitops:commit';
const allTags = (arn: string) => Object.fromEntries(emulator.tagsOf(arn).map((t) => [t.Key, t.Value]));
/** The tags, but the commit apply last wrote (tested in history.test.ts): it changes with every commit. */
const keyed = (arn: string) => {
  const { [COMMIT_TAG]: _commit, ...rest } = allTags(arn);
  return rest;
};

async function edit(change: (doc: Record<string, any>) => void): Promise<void> {
  const doc = JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
  change(doc);
  await writeFile(join(repo.dir, MANIFEST), `${JSON.stringify(doc, null, 2)}\n`);
  await commitAll(repo.dir, 'Edit tags');
}

function sdk(): LicenseManagerClient {
  return new LicenseManagerClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  });
}

describe('the tags of a license', () => {
  it('are planned as their own step and written with TagResource/UntagResource, never a new version', async () => {
    await sdk().send(new TagResourceCommand({ ResourceArn: ACME, Tags: [{ Key: 'stale', Value: 'x' }] }));
    const version = emulator.store.get(ACME)?.Version;
    await edit((doc) => {
      doc.Tags = [
        { Key: 'CostCenter', Value: 'cc-42' },
        { Key: 'Owner', Value: 'sales' },
      ];
    });
    const planned = await cli('plan', '--detailed-exitcode');
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(`~ ${MANIFEST}: tags`);
    expect(planned.stdout).toContain('+ /Tags/CostCenter: "cc-42"');
    expect(planned.stdout).toContain('- /Tags/stale: "x"');
    const json = JSON.parse((await cli('plan', '--json')).stdout);
    const license = json.licenses.find((l: { licenseArn: string }) => l.licenseArn === ACME);
    expect(license.action).toBe('noop');
    expect(license.tags).toEqual([expect.objectContaining({ kind: 'tags', action: 'update', resourceArn: ACME })]);

    emulator.resetCalls();
    const applied = await cli('apply');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(
      /updated\s+licenses\/acme-analytics-pro\.json tags\s+TagResource CostCenter, Owner; UntagResource stale/,
    );
    expect(calls('CreateLicenseVersion')).toHaveLength(0);
    expect(emulator.store.get(ACME)?.Version).toBe(version);
    expect(keyed(ACME)).toEqual({ CostCenter: 'cc-42', Owner: 'sales' });
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('absent are not managed; [] removes every user tag but never the license-gitops: marker', async () => {
    await sdk().send(
      new TagResourceCommand({
        ResourceArn: ACME,
        Tags: [
          { Key: 'Team', Value: 'a' },
          { Key: 'license-gitops:managed-by', Value: 'license-gitops' },
        ],
      }),
    );
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
    await edit((doc) => {
      doc.Tags = [];
    });
    expect((await cli('apply')).code).toBe(0);
    expect(keyed(ACME)).toEqual({ 'license-gitops:managed-by': 'license-gitops' });
    expect(allTags(ACME)[COMMIT_TAG]).toMatch(/^[0-9a-f]{40}$/); // reserved: [] leaves it too
    expect(calls('UntagResource').at(-1)).toBeDefined();
  });

  it('an ignore rule leaves the live value of a tag alone', async () => {
    await sdk().send(new TagResourceCommand({ ResourceArn: ACME, Tags: [{ Key: 'LastAudit', Value: '2026-01-01' }] }));
    await edit((doc) => {
      doc.Tags = [
        { Key: 'Owner', Value: 'sales' },
        { Key: 'LastAudit', Value: 'from-git' },
      ];
    });
    expect((await cli('apply', '--ignore', '/Tags/LastAudit')).code).toBe(0);
    expect(keyed(ACME)).toEqual({ Owner: 'sales', LastAudit: '2026-01-01' });
  });

  it('changed by someone after the plan are not written over from a saved plan', async () => {
    await edit((doc) => {
      doc.Tags = [{ Key: 'Owner', Value: 'sales' }];
    });
    expect((await cli('plan', '--out', 'plan.json')).code).toBe(0);
    await sdk().send(new TagResourceCommand({ ResourceArn: ACME, Tags: [{ Key: 'Owner', Value: 'ops' }] }));
    emulator.resetCalls();
    const applied = await cli('apply', 'plan.json');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain('the plan is stale: tags of licenses/acme-analytics-pro.json changed');
    expect(calls('TagResource')).toHaveLength(0);
    expect(keyed(ACME)).toEqual({ Owner: 'ops' });
  });

  it('a manifest may not set reserved keys; file:line:col names the key', async () => {
    await edit((doc) => {
      doc.Tags = [
        { Key: 'license-gitops:manifest', Value: 'other.json' },
        { Key: 'Owner', Value: 'a' },
        { Key: 'Owner', Value: 'b' },
        { Key: 'AWS:cost', Value: 'c' },
      ];
    });
    const validated = await cli('validate');
    expect(validated.code).toBe(1);
    expect(validated.stderr).toMatch(
      /acme-analytics-pro\.json:\d+:\d+: \/Tags\/0\/Key "license-gitops:manifest": keys starting with license-gitops: are the marker/,
    );
    expect(validated.stderr).toMatch(/\/Tags\/2\/Key "Owner" repeats \/Tags\/1\/Key; tag keys must be unique/);
    expect(validated.stderr).toMatch(
      /\/Tags\/3\/Key "AWS:cost": keys starting with aws: \(in any letter case\) are reserved/,
    );
  });
});

describe('the tags of a grant', () => {
  it('go with CreateGrant at creation, then TagResource on the grant', async () => {
    await edit((doc) => {
      doc.Grants = [
        {
          GrantName: 'acme-prod',
          Principals: [PRINCIPAL],
          AllowedOperations: ['CheckoutLicense'],
          Tags: [{ Key: 'Env', Value: 'prod' }],
        },
      ];
    });
    const created = await cli('apply');
    expect(created.code, created.stdout + created.stderr).toBe(0);
    const [create] = calls('CreateGrant');
    expect(create).toBeDefined();
    const grantArn = emulator.grants.list().find((g) => g.GrantName === 'acme-prod')!.GrantArn;
    expect(keyed(grantArn)).toEqual({ Env: 'prod' });
    await commitAll(repo.dir, 'Record the GrantArn');
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);

    await edit((doc) => {
      doc.Grants[0].Tags = [{ Key: 'Env', Value: 'staging' }];
    });
    const planned = await cli('plan');
    expect(planned.stdout).toContain(`~ ${MANIFEST}: grant acme-prod tags`);
    expect(planned.stdout).toContain('~ /Grants/acme-prod/Tags/Env: "prod" → "staging"');
    emulator.resetCalls();
    expect((await cli('apply')).code).toBe(0);
    expect(calls('CreateGrantVersion')).toHaveLength(0);
    expect(keyed(grantArn)).toEqual({ Env: 'staging' });
  });
});

describe('the tags of a new license', () => {
  it('go with CreateLicense beside the marker', async () => {
    const doc = JSON.parse(await readFile(join(repo.dir, MANIFEST), 'utf8'));
    const { LicenseArn: _arn, Grants: _grants, ...rest } = doc;
    const fresh = {
      ...rest,
      LicenseName: 'Hooli Analytics',
      ProductSKU: 'HOOLI-1',
      Beneficiary: 'arn:aws:iam::999988887777:root',
      Tags: [{ Key: 'Customer', Value: 'hooli' }],
    };
    await writeFile(join(repo.dir, 'licenses/hooli.json'), `${JSON.stringify(fresh, null, 2)}\n`);
    await commitAll(repo.dir, 'Add hooli');
    expect((await cli('apply')).code).toBe(0);
    const hooli = emulator.store.list().find((l) => l.ProductSKU === 'HOOLI-1')!;
    const tags = keyed(hooli.LicenseArn);
    expect(tags.Customer).toBe('hooli');
    expect(tags['license-gitops:managed-by']).toBe('license-gitops');
    await commitAll(repo.dir, 'Record the ARN');
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });
});
