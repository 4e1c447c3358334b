#!/usr/bin/env node
// npm run demo: a local License Manager seeded with live licenses that drifted
// from licenses/, in a scratch git repository holding a copy of licenses/:
// plan → apply → plan (convergence), then a license's life: a manifest without
// LicenseArn is created and its ARN written back, a grant is added to a license
// (created once, its GrantArn written back, accepted by the grantee: not drift),
// two licenses of one product share a template whose change fans out to both,
// licenses ending within 30 days are listed ahead of time, and a deleted
// manifest's license is pruned (opt-in, pinned). No AWS account
// needed; the repository is untouched.
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AcceptGrantCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { simpleGit } from 'simple-git';
import { readSeedFile, startEmulator } from '../lib/emulator/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../lib/bundle/license-gitops.js', import.meta.url));

const emulator = await startEmulator({ port: 0, seed: await readSeedFile(`${root}/demo/seed.json`) });
const env = {
  ...process.env,
  AWS_ENDPOINT_URL: emulator.url,
  AWS_ACCESS_KEY_ID: 'demo',
  AWS_SECRET_ACCESS_KEY: 'demo',
  AWS_REGION: 'us-east-1',
};
delete env.AWS_PROFILE;
delete env.AWS_SESSION_TOKEN;

// A scratch repository with the example manifests, so creating and pruning change nothing here.
const repo = await mkdtemp(join(tmpdir(), 'license-gitops-demo-'));
await cp(join(root, 'licenses'), join(repo, 'licenses'), { recursive: true });
await cp(join(root, 'schemas'), join(repo, 'schemas'), { recursive: true });
const git = simpleGit(repo);
await git.init(['--initial-branch=main']);
await git.addConfig('user.name', 'Demo').addConfig('user.email', 'demo@example.com');
await git.add('.').commit('License manifests');

function say(text) {
  process.stdout.write(`\n\x1b[1m${text}\x1b[0m\n`);
}

function step(title, args) {
  process.stdout.write(`\n\x1b[1m$ license-gitops ${args.join(' ')}\x1b[0m   # ${title}\n\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repo, env, stdio: 'inherit' });
    child.on('exit', (code) => {
      process.stdout.write(`\n(exit code ${code})\n`);
      resolve(code);
    });
  });
}

// Hooli's license ends 20 days from today, so the demo always shows an expiry warning.
const HOOLI_END = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
const NEW_LICENSE = `{
  "$schema": "../schemas/license.schema.json",
  "LicenseName": "Hooli Analytics Pro",
  "ProductName": "Analytics Pro",
  "ProductSKU": "analytics-pro-ent",
  "Beneficiary": "arn:aws:iam::999988887777:root",
  "Issuer": { "Name": "Example Software Inc." },
  "HomeRegion": "us-east-1",
  "Validity": { "Begin": "2026-01-01T00:00:00Z", "End": "${HOOLI_END}T00:00:00Z" },
  "Entitlements": [{ "Name": "seats", "Unit": "Count", "MaxCount": 50 }],
  "ConsumptionConfiguration": { "RenewType": "Monthly" },
  "Status": "AVAILABLE"
}
`;

async function writeJson(file, value) {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

const expected = [];
const expect = (what, code, want) => expected.push({ what, ok: code === want });
try {
  process.stdout.write(`License Manager emulator on ${emulator.url}, seeded from demo/seed.json\n`);
  process.stdout.write(`A scratch git repository with a copy of licenses/: ${repo}\n`);
  expect('validate', await step('the manifests are well-formed', ['validate']), 0);
  expect('drift', await step('what drifted? (2 = changes)', ['plan', '--detailed-exitcode']), 2);
  expect('apply', await step('one CreateLicenseVersion per drifted license, pinned', ['apply']), 0);
  expect('converged', await step('converged: nothing left to do', ['plan', '--detailed-exitcode']), 0);

  say('# A new license: a manifest without LicenseArn (with ProductSKU and Beneficiary), committed');
  await writeFile(join(repo, 'licenses/hooli-analytics-pro.json'), NEW_LICENSE);
  await git.add('.').commit('Issue Hooli a license');
  expect('create plan', await step('+ create', ['plan', '--detailed-exitcode']), 2);
  expect('create', await step('CreateLicense, tagged as ours; the ARN is written back', ['apply']), 0);
  say('$ git diff   # the only change: the new LicenseArn, after $schema');
  process.stdout.write(`${await git.diff()}\n`);
  await git.add('.').commit('Record the new LicenseArn');
  expect('created', await step('converged', ['plan', '--detailed-exitcode']), 0);
  expect(
    'expiry',
    await step('ahead of time: licenses ending within 30 days, soonest first (a scheduled check fails)', [
      'validate',
      '--fail-on-expiring',
    ]),
    1,
  );

  say('# A product template: Acme and Hooli both license Analytics Pro; what the tier shares moves to one file');
  const templateFile = join(repo, 'licenses/products/analytics-pro.json');
  const writeTemplate = (support) =>
    writeJson(templateFile, { ProductName: 'Analytics Pro', LicenseMetadata: [{ Name: 'Support', Value: support }] });
  await writeTemplate('business-hours');
  for (const name of ['acme-analytics-pro', 'hooli-analytics-pro']) {
    const file = join(repo, `licenses/${name}.json`);
    const { ProductName: _moved, ...doc } = JSON.parse(await readFile(file, 'utf8'));
    await writeJson(file, { ...doc, $template: 'products/analytics-pro.json' });
  }
  await git.add('.').commit('Analytics Pro as a product template');
  expect('template', await step('the template fans out: each license shows its own diff', ['plan']), 0);
  expect('template apply', await step('one CreateLicenseVersion per license, pinned', ['apply']), 0);
  say('# The tier changes once, in the template');
  await writeTemplate('24x7');
  await git.add('.').commit('Analytics Pro: 24x7 support');
  expect(
    'template change',
    await step('one change of the template, two licenses', ['plan', '--changed-since', 'HEAD~1']),
    0,
  );
  expect('template change apply', await step('applied', ['apply']), 0);

  say('# A grant: a pull request gives account 111122223333 Acme Analytics Pro');
  const acmeFile = join(repo, 'licenses/acme-analytics-pro.json');
  const acme = JSON.parse(await readFile(acmeFile, 'utf8'));
  acme.Grants = [
    {
      GrantName: 'acme-prod',
      Principals: ['arn:aws:iam::111122223333:root'],
      AllowedOperations: ['CheckoutLicense', 'CheckInLicense'],
    },
  ];
  await writeFile(acmeFile, `${JSON.stringify(acme, null, 2)}\n`);
  await git.add('.').commit('Grant Acme Analytics Pro to account 111122223333');
  expect('grant plan', await step('+ the grant, under its license', ['plan', '--detailed-exitcode']), 2);
  expect('grant', await step('CreateGrant in the license HomeRegion; the GrantArn is written back', ['apply']), 0);
  say('$ git diff   # the only change: the new GrantArn in the entry');
  process.stdout.write(`${await git.diff()}\n`);
  await git.add('.').commit('Record the new GrantArn');
  expect(
    'pending',
    await step('pending acceptance by the grantee: shown, not drift', ['plan', '--detailed-exitcode']),
    0,
  );
  say('# The grantee (account 111122223333) accepts the grant in its own account: a new grant version');
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const grantee = new LicenseManagerClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: '111122223333', secretAccessKey: 'demo' },
  });
  await grantee.send(new AcceptGrantCommand({ GrantArn: emulator.grants.list()[0]?.GrantArn }));
  grantee.destroy();
  expect('accepted', await step("the grantee's acceptance is not drift", ['plan', '--detailed-exitcode']), 0);

  say('# Retiring a license: its manifest is deleted in git');
  const before = (await git.revparse(['HEAD'])).trim();
  await git.rm(['licenses/initech-support.json']);
  await git.commit('Retire the Initech license');
  expect('removed', await step('without --prune: listed, left alone', ['plan', '--changed-since', before]), 0);
  expect(
    'prune plan',
    await step('with --prune: - delete, pinned to the version read', ['plan', '--changed-since', before, '--prune']),
    0,
  );
  expect('prune', await step('DeleteLicense, pinned', ['apply', '--changed-since', before, '--prune']), 0);
  expect('orphans', await step('live licenses no manifest claims (deleted ones skipped)', ['orphans']), 0);

  const calls = (operation) => emulator.calls.filter((c) => c.operation === operation);
  process.stdout.write('\nThe emulator saw these writes:\n');
  const writes = ['CreateLicenseVersion', 'CreateLicense', 'CreateGrant', 'DeleteLicense'].flatMap(calls);
  for (const w of writes) {
    const pin = w.sourceVersion ? `  SourceVersion=${w.sourceVersion}` : '';
    process.stdout.write(`  ${w.operation.padEnd(21)} ${w.licenseArn ?? '(new license)'}${pin}  (${w.region})\n`);
  }
  const failed = expected.filter((e) => !e.ok).map((e) => e.what);
  process.stdout.write(
    failed.length > 0
      ? `\nThe demo did not go as expected at: ${failed.join(', ')}.\n`
      : '\nDrift applied with pinned versions, a license created once and recorded, a grant added and accepted, one license pruned with its pin.\n',
  );
  process.exitCode = failed.length > 0 ? 1 : 0;
} finally {
  await emulator.close();
  await rm(repo, { recursive: true, force: true });
}
