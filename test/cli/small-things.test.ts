/**
 * The small things found while attacking the tool: credentials in an endpoint
 * URL under --verbose, the cause of a failing named profile, ARNs of the wrong
 * shape, names that only differ in Unicode composition, and numbers written
 * with more precision than they can keep.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsEnv, commitAll, runCli } from '../helpers/cli.js';
import { useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();
const ACME_FILE = 'licenses/acme-analytics-pro.json';

async function edit(change: (doc: any) => void): Promise<void> {
  const path = join(world.repo.dir, ACME_FILE);
  const doc = JSON.parse(await readFile(path, 'utf8'));
  change(doc);
  await writeFile(path, JSON.stringify(doc, null, 2));
  await commitAll(world.repo.dir, 'edit');
}

describe('--verbose', () => {
  it('never prints credentials or a query embedded in the endpoint URL', async () => {
    const url = new URL(world.emulator.url);
    const endpoint = `http://AKIDUSER:s3cret-pass@${url.host}/?X-Amz-Security-Token=tok3n`;
    const result = await world.cli('plan', '--verbose', '--endpoint-url', endpoint);
    expect(result.stderr).toContain(`endpoint: http://[redacted]@${url.host}/?[redacted]`);
    expect(result.stderr + result.stdout).not.toMatch(/s3cret-pass|tok3n|AKIDUSER/);
  });
});

describe('a named profile that gives no credentials', () => {
  const env = (profile: string, config = '/dev/null') => {
    const e = awsEnv(world.emulator.url);
    delete e.AWS_ACCESS_KEY_ID;
    delete e.AWS_SECRET_ACCESS_KEY;
    return { ...e, AWS_PROFILE: profile, AWS_CONFIG_FILE: config };
  };

  it('AWS_PROFILE=nope says the profile does not exist', async () => {
    const result = await runCli(['plan'], { cwd: world.repo.dir, env: env('nope') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AWS_PROFILE=nope: Could not resolve credentials using profile: [nope]');
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('a failing credential_process says what the process said', async () => {
    const config = join(world.repo.dir, '.aws-config');
    await writeFile(
      config,
      '[profile broken]\ncredential_process = /bin/sh -c "echo token service is down >&2; exit 3"\n',
    );
    const result = await runCli(['plan'], { cwd: world.repo.dir, env: env('broken', config) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AWS_PROFILE=broken: Command failed');
    expect(result.stderr).toContain('token service is down');
  });
});

describe('manifests', () => {
  it('refuse an ARN that is not a license ARN, or whose partition ends in a dash', async () => {
    for (const arn of [
      'arn:aws-foo-bar-:license-manager::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
      'arn:aws:iam::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    ]) {
      await edit((doc) => (doc.LicenseArn = arn));
      const result = await world.cli('validate');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`${ACME_FILE}:3:17: /LicenseArn must be a valid license ARN`);
    }
  });

  it('refuse two names that look the same (composed and decomposed Unicode)', async () => {
    await edit((doc) =>
      doc.Entitlements.push(
        { Name: 'caf\u00e9', Unit: 'Count', MaxCount: 1 },
        { Name: 'cafe\u0301', Unit: 'Count', MaxCount: 2 },
      ),
    );
    const result = await world.cli('validate');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '(the same characters, composed differently in Unicode); entitlement names must be unique',
    );
  });

  it('refuse a number written with more precision than it keeps', async () => {
    const path = join(world.repo.dir, ACME_FILE);
    await writeFile(
      path,
      (await readFile(path, 'utf8')).replace('"MaxCount": 250', '"MaxCount": 1.0000000000000000000000001'),
    );
    await commitAll(world.repo.dir, 'precise');
    const result = await world.cli('validate');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/1\.0000000000000000000000001 can't be kept exactly \(it would become 1\)/);
    // named as plans name it, not by its index in the list
    expect(result.stderr).toContain(`${ACME_FILE}:14:53: /Entitlements/seats/MaxCount 1.0000000000000000000000001`);
  });
});
