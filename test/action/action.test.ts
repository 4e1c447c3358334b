/**
 * The GitHub Action end to end, as the runner runs it: the bundled
 * dist/action/index.js as a child process in a temporary git repository, the
 * emulator as License Manager, and a local stand-in for the GitHub API.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import type { Emulator, SeedLicense } from '../../src/emulator/index.js';
import { TEST_SECRET, commitAll, tempRepo } from '../helpers/cli.js';
import { ACME, INITECH, readArns } from '../helpers/demo-world.js';
import { useActionWorld } from './action-world.js';
import { BOT, PERSON, type GitHubStandIn } from './github-stand-in.js';
import { REPOSITORY, RUN_ID, SERVER, annotations } from './run-action.js';

const MARKER = '<!-- license-gitops:plan dir=licenses -->';
const PR = { name: 'pull_request', payload: { action: 'synchronize', number: 7, pull_request: { number: 7 } } };
const RUN_URL = `${SERVER}/${REPOSITORY}/actions/runs/${RUN_ID}`;

let github: GitHubStandIn;
const { world, action, runner } = useActionWorld((standIn) => (github = standIn));
const { writes } = world;
/** REST writes that create something (GraphQL queries are POSTs too, and write nothing). */
const posts = () => github.requests.filter((r) => r.method === 'POST' && r.url !== '/api/graphql');

describe('plan', () => {
  it('writes the outputs, the JSON plan and the Markdown summary, and succeeds with changes', async () => {
    const result = await action();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ 'has-changes': 'true', updated: '2', unchanged: '1', failed: '0' });
    const head = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    expect(result.outputs['commit']).toBe(head);
    const plan = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    expect(plan.formatVersion).toBe(1);
    expect(plan.commit).toBe(head);
    expect(plan.summary).toEqual({ create: 0, update: 2, delete: 0, noop: 1, error: 0 });
    expect(result.outputs['plan-json']).toContain(join('run-1', 'temp')); // under RUNNER_TEMP
    expect(result.summary).toContain('### license-gitops plan · licenses');
    expect(result.summary).toContain('**Plan:** 2 to update, 1 unchanged, 0 errors.');
    expect(result.summary).toContain('<details open><summary><code>licenses/acme-analytics-pro.json</code>: 1 change');
    expect(result.summary).toContain('```diff\n~ /Entitlements/seats/MaxCount: 100 → 250 (0 consumed)\n```');
    expect(result.summary).toMatch(
      /Manifests at commit <a href="https:\/\/github\.example\/acme\/licenses\/commit\/[0-9a-f]{40}">/,
    );
    expect(writes()).toHaveLength(0);
  });

  it('prints the text plan with workflow commands stopped, so manifest text cannot issue one', async () => {
    const result = await action();
    const stop = /^::stop-commands::(\S+)$/m.exec(result.stdout);
    expect(stop).not.toBeNull();
    const resume = result.stdout.indexOf(`::${stop![1]}::`);
    const plan = result.stdout.indexOf('Plan: 2 to update, 1 unchanged, 0 errors.');
    expect(plan).toBeGreaterThan(stop!.index);
    expect(resume).toBeGreaterThan(plan);
    expect(result.stdout + result.stderr).not.toContain(TEST_SECRET);
  });

  it('reports no changes with has-changes=false', async () => {
    const result = await action({ inputs: { directory: 'licenses/partners' } });
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ 'has-changes': 'false', updated: '0', unchanged: '1' });
    expect(result.summary).toContain('No changes. Live licenses match the manifests.');
  });

  it('limits the plan to manifests changed since a ref (INPUT_CHANGED-SINCE)', async () => {
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    const file = join(world.repo.dir, 'licenses/initech-support.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, JSON.stringify({ ...manifest, ProductName: 'Premium Support Plus' }, null, 2));
    await commitAll(world.repo.dir, 'Initech: new product name');
    const result = await action({ inputs: { 'changed-since': base } });
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ updated: '1', unchanged: '0' });
    expect(readArns(world.emulator.calls).map(([arn]) => arn)).toEqual([INITECH]);
  });

  it('takes the endpoint from the endpoint-url input', async () => {
    const result = await action({ endpoint: undefined, inputs: { 'endpoint-url': world.emulator.url } });
    expect(result.code).toBe(0);
    expect(result.outputs['updated']).toBe('2');
  });

  it('fails the step on a license that cannot be planned, annotating its file', async () => {
    world.emulator.faults.add({ kind: 'not-found', licenseArn: ACME }); // batched and single reads alike
    const result = await action();
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ failed: '1', updated: '1' });
    const errors = annotations(result.stdout);
    expect(errors).toContainEqual(
      expect.stringMatching(/^::error file=licenses\/acme-analytics-pro\.json::arn:.*not found/),
    );
    expect(errors).toContainEqual(expect.stringMatching(/^::error::the plan has 1 error$/));
  });

  it('fails on invalid input with a message, before any call', async () => {
    const result = await action({ inputs: { concurrency: '0', command: 'destroy' } });
    expect(result.code).toBe(1);
    expect(annotations(result.stdout)).toEqual([
      '::error::input command must be plan or apply, not "destroy"%0Ainput concurrency must be a whole number ≥ 1, not "0"',
    ]);
    expect(world.emulator.calls).toHaveLength(0);
  });
});

describe('invalid manifests', () => {
  it('annotate file, line and column, fail the step, and call nothing', async () => {
    await writeFile(join(world.repo.dir, 'licenses/x.json'), '{\n  "LicenseName": 42\n}\n');
    await commitAll(world.repo.dir, 'A broken manifest');
    const result = await action({ event: PR });
    expect(result.code).toBe(1);
    const errors = annotations(result.stdout);
    expect(errors.filter((e) => e.startsWith('::error file=licenses/x.json,line=')).length).toBeGreaterThan(0);
    expect(errors).toContainEqual(expect.stringMatching(/^::error file=licenses\/x\.json,line=2,col=\d+::/));
    expect(world.emulator.calls).toHaveLength(0);
    expect(result.outputs).toMatchObject({ 'has-changes': 'false', failed: '1' });
    expect(JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'))).toMatchObject({
      formatVersion: 1,
      valid: false,
    });
    expect(result.summary).toMatch(/\*\*\d+ problems? found; nothing was sent to License Manager\.\*\*/);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('<code>licenses/x.json:2:');
  });
});

describe('the pull-request comment', () => {
  it('is created once, then the same comment is updated, found past the first page', async () => {
    github.seed(
      7,
      Array.from({ length: 120 }, (_, i) => `a review comment ${i}`),
    );
    const first = await action({ event: PR });
    expect(first.code).toBe(0);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatchObject({
      url: '/repos/acme/licenses/issues/7/comments',
      authorization: 'token ghs_stand-in-token',
    });
    const mine = github.comments.filter((c) => c.body.startsWith(MARKER));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.body).toContain('**Plan:** 2 to update, 1 unchanged, 0 errors.');
    expect(mine[0]!.body).toContain('<details><summary>'); // collapsed in the comment
    expect(mine[0]!.body).toContain(`<a href="${RUN_URL}">workflow run</a>`);

    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    const acme = JSON.parse(await readFile(file, 'utf8'));
    acme.Entitlements[0].MaxCount = 100; // as live: acme no longer drifts
    await writeFile(file, JSON.stringify(acme, null, 2));
    await commitAll(world.repo.dir, 'Acme: keep 100 seats');
    github.requests.length = 0;
    const second = await action({ event: PR });
    expect(second.code).toBe(0);
    expect(posts()).toHaveLength(0);
    expect(github.requests.some((r) => r.method === 'GET' && r.url.includes('page=2'))).toBe(true);
    const patches = github.requests.filter((r) => r.method === 'PATCH');
    expect(patches.map((p) => p.url)).toEqual([`/repos/acme/licenses/issues/comments/${mine[0]!.id}`]);
    expect(github.comments).toHaveLength(121);
    expect(github.comments.find((c) => c.id === mine[0]!.id)!.body).toContain(
      '**Plan:** 1 to update, 2 unchanged, 0 errors.',
    );
  });

  it('keeps one comment per directory, and leaves comments that only quote the marker alone', async () => {
    github.seed(7, [`> ${MARKER}\n> quoted by a reviewer`]);
    await action({ event: PR });
    await action({ event: PR, inputs: { directory: 'licenses/partners' } });
    await action({ event: PR });
    expect(github.comments.map((c) => c.body.split('\n')[0])).toEqual([
      `> ${MARKER}`,
      MARKER,
      '<!-- license-gitops:plan dir=licenses/partners -->',
    ]);
    expect(posts()).toHaveLength(2);
  });

  for (const noGraphql of [false, true]) {
    it(`never takes over a comment someone else planted with the marker (${noGraphql ? 'no GraphQL, /user refused: the Actions bot' : 'GraphQL viewer'})`, async () => {
      github.noGraphql = noGraphql;
      github.seed(7, [`${MARKER}\nplanted: approve this`], PERSON);
      await action({ event: PR });
      await action({ event: PR });
      expect(github.comments.map((c) => [c.user.login, c.body.split('\n')[1]])).toEqual([
        [PERSON.login, 'planted: approve this'],
        [BOT.login, expect.stringContaining('license-gitops plan')],
      ]);
      expect(posts()).toHaveLength(1);
    });
  }

  it('is skipped with a warning on a read-only token (403), and the step still succeeds', async () => {
    github.forbidWrites = true;
    const result = await action({ event: PR });
    expect(result.code).toBe(0);
    expect(github.comments).toHaveLength(0);
    expect(posts()).toHaveLength(1); // tried once, refused
    const warnings = annotations(result.stdout, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/HTTP 403.*read-only.*fork/);
    expect(result.summary).toContain('**Plan:** 2 to update');
    expect(result.outputs['has-changes']).toBe('true');
  });

  it('is not posted outside a pull_request event, nor with comment: false', async () => {
    await action({ event: { name: 'push', payload: { ref: 'refs/heads/main' } } });
    await action({ event: PR, inputs: { comment: 'false' } });
    expect(github.requests).toHaveLength(0);
  });

  it('is cut below 65,536 characters for a huge plan, with a note and a link to the run', async () => {
    const huge = await hugeRepo(world.emulator, 40, 60);
    try {
      const result = await runner().run({ cwd: huge.dir, endpoint: world.emulator.url, api: github.url, event: PR });
      expect(result.code).toBe(0);
      expect(result.outputs['updated']).toBe('40');
      const body = github.comments[0]!.body;
      expect(Buffer.byteLength(body)).toBeLessThan(65_536);
      expect(body).toContain(`Truncated to fit a comment: the full plan is in <a href="${RUN_URL}">`);
      expect(body.split('\n').filter((l) => l.startsWith('```')).length % 2).toBe(0);
      expect(count(body, '<details>')).toBe(count(body, '</details>'));
      expect(result.summary).toContain('licenses/license-39.json'); // the summary has the whole plan
      expect(result.summary.length).toBeGreaterThan(65_536);
    } finally {
      await huge.cleanup();
    }
  });
});

describe('apply', () => {
  it('writes one pinned CreateLicenseVersion per drifted license and sets the counts', async () => {
    const result = await action({ inputs: { command: 'apply' } });
    expect(result.code).toBe(0);
    expect(
      writes()
        .map((w) => [w.licenseArn, w.sourceVersion])
        .sort(),
    ).toEqual([
      [ACME, '3'],
      [INITECH, '2'],
    ]);
    expect(result.outputs).toMatchObject({ 'has-changes': 'true', updated: '2', unchanged: '1', failed: '0' });
    expect(result.summary).toContain('**Apply:** 2 updated, 1 unchanged, 0 conflict, 0 failed, 0 skipped.');
    const report = JSON.parse(await readFile(result.outputs['plan-json']!, 'utf8'));
    expect(report.formatVersion).toBe(1);
    expect(report.summary).toMatchObject({ updated: 2, unchanged: 1 });
  });

  it('fails the step when a license does not converge, annotating its file', async () => {
    world.emulator.faults.add({
      kind: 'concurrent-write',
      operation: 'CreateLicenseVersion',
      licenseArn: ACME,
      times: 1,
    });
    const result = await action({ inputs: { command: 'apply' } });
    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ updated: '1', failed: '1' });
    expect(annotations(result.stdout)).toContainEqual(
      expect.stringMatching(/^::error file=licenses\/acme-analytics-pro\.json::arn:.*changed after it was read/),
    );
    expect(result.summary).toContain('⚠️ conflict');
  });
});

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** A repository of `n` manifests, each `entries` metadata entries away from its live license. */
async function hugeRepo(emulator: Emulator, n: number, entries: number) {
  const dir = await mkdtemp(join(tmpdir(), 'license-gitops-huge-'));
  await mkdir(join(dir, 'licenses'));
  const live: SeedLicense[] = [];
  for (let i = 0; i < n; i++) {
    const arn = `arn:aws:license-manager::123456789012:license:l-${i.toString(16).padStart(32, '0')}`;
    const document = {
      LicenseArn: arn,
      LicenseName: `License ${i}`,
      ProductName: 'Bulk',
      Issuer: { Name: 'Example Software Inc.' },
      HomeRegion: 'us-east-1',
      Validity: { Begin: '2026-01-01T00:00:00Z', End: '2027-01-01T00:00:00Z' },
      Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 10 }],
      ConsumptionConfiguration: { RenewType: 'None' },
      Status: 'AVAILABLE',
    };
    const metadata = Array.from({ length: entries }, (_, j) => ({
      Name: `key-${j}`,
      Value: `a value long enough to count ${i}-${j}`,
    }));
    await writeFile(
      join(dir, 'licenses', `license-${i}.json`),
      JSON.stringify({ ...document, LicenseMetadata: metadata }),
    );
    live.push({ ...document, Version: '1' });
  }
  emulator.addLicenses(live);
  const repo = await tempRepo(join(dir, 'licenses'));
  await rm(dir, { recursive: true, force: true });
  return repo;
}
