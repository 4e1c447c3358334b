/**
 * After apply on a push created licenses, the bundled Action records their new
 * ARNs in git through the API: a pull request by default, a commit with
 * `record-arns: commit`. The emulator is License Manager; the stand-in is GitHub.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { commitAll } from '../helpers/cli.js';
import { useActionWorld } from './action-world.js';
import type { GitHubStandIn } from './github-stand-in.js';
import { annotations, type ActionOptions } from './run-action.js';

let github: GitHubStandIn;
const { world, action } = useActionWorld((standIn) => (github = standIn));

const NEW = `{
  "$schema": "../schemas/license.schema.json",
  "LicenseName": "Hooli Analytics",
  "ProductName": "Analytics Pro",
  "ProductSKU": "analytics-pro-ent",
  "Beneficiary": "arn:aws:iam::999988887777:root",
  "Issuer": { "Name": "Example Software Inc." },
  "HomeRegion": "us-east-1",
  "Validity": { "Begin": "2026-01-01T00:00:00Z" },
  "Entitlements": [{ "Name": "seats", "Unit": "Count", "MaxCount": 50 }],
  "ConsumptionConfiguration": { "RenewType": "Monthly" },
  "Status": "AVAILABLE"
}
`;

/** A pushed commit adding a manifest without LicenseArn; the stand-in knows it as main's head. */
async function pushNew(): Promise<Partial<ActionOptions>> {
  await writeFile(join(world.repo.dir, 'licenses/hooli.json'), NEW);
  const sha = await commitAll(world.repo.dir, 'Add Hooli');
  github.git.seedCommit(sha, 'main');
  return {
    event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha } },
    env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
  };
}

const created = () => world.emulator.store.list().filter((l) => l.Beneficiary === 'arn:aws:iam::999988887777:root');

describe('recording new ARNs after apply on push', () => {
  it('opens one pull request whose commit adds exactly the LicenseArn to the manifest', async () => {
    const push = await pushNew();
    const sha = push.env!.GITHUB_SHA!;
    const result = await action({ ...push, inputs: { command: 'apply', comment: 'false' } });
    expect(result.code, result.stdout).toBe(0);
    const [license] = created();
    expect(created()).toHaveLength(1);
    expect(result.outputs.created).toBe('1');

    const [pull] = github.git.pullRequests;
    expect(github.git.pullRequests).toHaveLength(1);
    expect(pull).toMatchObject({ base: 'main', head: `license-gitops/record-arns/${sha.slice(0, 12)}`, state: 'open' });
    expect(pull!.body).toContain(license!.LicenseArn);
    expect(result.outputs['record-pull-request']).toBe(pull!.html_url);
    const head = github.git.refs.get(`heads/${pull!.head}`)!;
    expect(github.git.commits.get(head)?.parents).toEqual([sha]);
    const lines = NEW.split('\n');
    lines.splice(2, 0, `  "LicenseArn": "${license!.LicenseArn}",`);
    expect(github.git.filesOf(head)).toEqual({ 'licenses/hooli.json': lines.join('\n') });
    expect(github.git.refs.get('heads/main')).toBe(sha); // the pushed branch itself is left alone
  });

  it('names a manifest whose name is Markdown without formatting, linking or mentioning', async () => {
    const push = await pushNew();
    const hostile = 'licenses/[Approve](http:evil.example) **URGENT** @acme-admins #1.json';
    await simpleGit(world.repo.dir).mv('licenses/hooli.json', hostile);
    const sha = await commitAll(world.repo.dir, 'Rename');
    github.git.seedCommit(sha, 'main');
    const result = await action({
      ...push,
      event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha } },
      env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
      inputs: { command: 'apply', comment: 'false' },
    });
    expect(result.code, result.stdout).toBe(0);
    const body = github.git.pullRequests[0]!.body;
    expect(body).toContain('<code>licenses/&#91;Approve&#93;');
    expect(body).not.toMatch(/\[Approve\]|\*\*URGENT|@acme-admins|#1\.json/);
  });

  it('a re-run before the pull request is merged adopts the license and updates the same pull request', async () => {
    const push = await pushNew();
    expect((await action({ ...push, inputs: { command: 'apply', comment: 'false' } })).code).toBe(0);
    await simpleGit(world.repo.dir).checkout(['--', 'licenses/hooli.json']); // a fresh checkout of the push
    const again = await action({ ...push, inputs: { command: 'apply', comment: 'false' } });
    expect(again.code, again.stdout).toBe(0);
    expect(created()).toHaveLength(1);
    expect(github.git.pullRequests).toHaveLength(1);
    expect(again.stdout).toContain(`updated pull request #${github.git.pullRequests[0]!.number}`);
  });

  it('with record-arns: commit, pushes one fast-forward commit onto the branch', async () => {
    const push = await pushNew();
    const sha = push.env!.GITHUB_SHA!;
    const result = await action({ ...push, inputs: { command: 'apply', comment: 'false', 'record-arns': 'commit' } });
    expect(result.code, result.stdout).toBe(0);
    const head = github.git.refs.get('heads/main')!;
    expect(head).not.toBe(sha);
    expect(github.git.commits.get(head)?.parents).toEqual([sha]);
    expect(Object.keys(github.git.filesOf(head))).toEqual(['licenses/hooli.json']);
    expect(result.outputs['record-commit']).toBe(head);
    expect(github.git.pullRequests).toHaveLength(0);
  });

  it('falls back to a pull request when the branch refuses the commit (protected)', async () => {
    const push = await pushNew();
    github.git.protectedBranches.add('main');
    const result = await action({ ...push, inputs: { command: 'apply', comment: 'false', 'record-arns': 'commit' } });
    expect(result.code).toBe(0);
    expect(github.git.refs.get('heads/main')).toBe(push.env!.GITHUB_SHA);
    expect(github.git.pullRequests).toHaveLength(1);
  });

  it('warns, and still succeeds, when the token may not write; the license is not created twice later', async () => {
    const push = await pushNew();
    github.forbidWrites = true;
    const result = await action({ ...push, inputs: { command: 'apply', comment: 'false' } });
    expect(result.code).toBe(0);
    expect(annotations(result.stdout, 'warning').join('\n')).toMatch(
      /LicenseArn is in licenses\/hooli\.json in the workspace, not in git: recording them failed \(HTTP 403/,
    );
    expect(JSON.parse(await readFile(join(world.repo.dir, 'licenses/hooli.json'), 'utf8')).LicenseArn).toBe(
      created()[0]!.LicenseArn,
    );
  });

  it('records nothing for a plan, for record-arns: none, or when nothing was created', async () => {
    const push = await pushNew();
    await action({ ...push, inputs: { command: 'plan', comment: 'false' } });
    expect(github.requests.filter((r) => r.url.includes('/git/'))).toEqual([]);
    const none = await action({ ...push, inputs: { command: 'apply', comment: 'false', 'record-arns': 'none' } });
    expect(none.code).toBe(0);
    expect(github.requests.filter((r) => r.url.includes('/git/'))).toEqual([]);
    expect(annotations(none.stdout, 'warning').join('\n')).toContain('record-arns is none');
  });
});

describe('recording a new GrantArn after apply on push', () => {
  it('opens one pull request naming the grant, whose commit adds the GrantArn to the entry', async () => {
    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.Grants = [
      {
        GrantName: 'acme-prod',
        Principals: ['arn:aws:iam::111122223333:root'],
        AllowedOperations: ['CheckoutLicense'],
      },
    ];
    await writeFile(file, `${JSON.stringify(doc, null, 2)}\n`);
    const sha = await commitAll(world.repo.dir, 'Grant Acme to 111122223333');
    github.git.seedCommit(sha, 'main');
    const result = await action({
      event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha } },
      env: { GITHUB_SHA: sha, GITHUB_REF: 'refs/heads/main' },
      inputs: { command: 'apply', comment: 'false' },
    });
    expect(result.code, result.stdout).toBe(0);
    const [grant] = world.emulator.grants.list();
    const [pull] = github.git.pullRequests;
    expect(github.git.pullRequests).toHaveLength(1);
    expect(pull).toMatchObject({ title: 'Record the GrantArn of a new grant' });
    expect(pull!.body).toContain(grant!.GrantArn);
    const head = github.git.refs.get(`heads/${pull!.head}`)!;
    const recorded = JSON.parse(github.git.filesOf(head)['licenses/acme-analytics-pro.json']!);
    expect(recorded.Grants).toEqual([{ ...doc.Grants[0], GrantArn: grant!.GrantArn }]);
  });
});
