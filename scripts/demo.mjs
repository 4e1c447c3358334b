#!/usr/bin/env node
// npm run demo: a local License Manager seeded with live licenses that drifted
// from licenses/, then plan → apply → plan, showing convergence; then a pull
// request's worth of change: a grant added to a license, applied, its GrantArn
// written back, accepted by the grantee, and still converged. No AWS account
// needed. It works on a copy of licenses/ in a temporary git repository, so
// this checkout is never changed.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AcceptGrantCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { readSeedFile, startEmulator } from '../lib/emulator/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../lib/bundle/license-gitops.js', import.meta.url));
const ACME = 'licenses/acme-analytics-pro.json';
const GRANTEE = '111122223333';

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

const work = mkdtempSync(join(tmpdir(), 'license-gitops-demo-'));
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=Demo', '-c', 'user.email=demo@example.com', ...args], { cwd: work });

function step(title, args) {
  process.stdout.write(`\n\x1b[1m$ license-gitops ${args.join(' ')}\x1b[0m   # ${title}\n\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: work, env, stdio: 'inherit' });
    child.on('exit', (code) => {
      process.stdout.write(`\n(exit code ${code})\n`);
      resolve(code);
    });
  });
}

function say(text) {
  process.stdout.write(`\n\x1b[1m# ${text}\x1b[0m\n`);
}

let failed = false;
try {
  cpSync(join(root, 'licenses'), join(work, 'licenses'), { recursive: true });
  cpSync(join(root, 'schemas'), join(work, 'schemas'), { recursive: true });
  git('init', '--quiet', '--initial-branch=main');
  git('add', '.');
  git('commit', '--quiet', '-m', 'License manifests');
  process.stdout.write(`License Manager emulator on ${emulator.url}, seeded from demo/seed.json\n`);
  process.stdout.write(`Working on a copy of licenses/ in ${work}\n`);
  await step('the manifests are well-formed', ['validate']);
  const drift = await step('what drifted? (2 = changes)', ['plan', '--detailed-exitcode']);
  const applied = await step('one CreateLicenseVersion per drifted license, pinned', ['apply']);
  const after = await step('converged: nothing left to do', ['plan', '--detailed-exitcode']);
  const writes = emulator.calls.filter((c) => c.operation === 'CreateLicenseVersion');
  process.stdout.write(`\nThe emulator saw ${writes.length} CreateLicenseVersion calls:\n`);
  for (const w of writes) process.stdout.write(`  ${w.licenseArn}  SourceVersion=${w.sourceVersion}  (${w.region})\n`);

  say(`A pull request adds a grant to ${ACME}: account ${GRANTEE} may check the license out`);
  const manifest = JSON.parse(readFileSync(join(work, ACME), 'utf8'));
  manifest.Grants = [
    {
      GrantName: 'acme-prod',
      Principals: [`arn:aws:iam::${GRANTEE}:root`],
      AllowedOperations: ['CheckoutLicense', 'CheckInLicense'],
    },
  ];
  writeFileSync(join(work, ACME), `${JSON.stringify(manifest, null, 2)}\n`);
  git('commit', '--quiet', '-am', 'Grant Acme Analytics Pro to account 111122223333');
  const grantPlan = await step('the plan shows the new grant under its license', ['plan', '--detailed-exitcode']);
  const granted = await step('CreateGrant in the license HomeRegion; GrantArn written back', ['apply']);
  process.stdout.write(`\nThe manifest now records the grant:\n`);
  process.stdout.write(`${JSON.stringify(JSON.parse(readFileSync(join(work, ACME), 'utf8')).Grants, null, 2)}\n`);
  git('commit', '--quiet', '-am', 'Record the GrantArn');
  say(`The grantee (account ${GRANTEE}) accepts the grant in its own account: a new grant version`);
  const grantArn = emulator.grants.list()[0]?.GrantArn;
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const grantee = new LicenseManagerClient({
    region: 'us-east-1',
    endpoint: emulator.url,
    credentials: { accessKeyId: GRANTEE, secretAccessKey: 'demo' },
  });
  await grantee.send(new AcceptGrantCommand({ GrantArn: grantArn }));
  grantee.destroy();
  const accepted = await step("the grantee's acceptance is not drift", ['plan', '--detailed-exitcode']);
  failed =
    drift !== 2 || applied !== 0 || after !== 0 || grantPlan !== 2 || granted !== 0 || accepted !== 0 || !grantArn;
  process.stdout.write(
    failed
      ? '\nThe demo did not converge as expected.\n'
      : '\nDrift found, applied with pinned versions, converged; a grant added by a commit, created once, recorded in git.\n',
  );
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
