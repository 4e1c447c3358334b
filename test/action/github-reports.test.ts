/**
 * What the bundled Action posts to GitHub beyond the pull-request plan: the
 * outcome comment on the merged pull request after apply on push, and the one
 * drift issue per directory. The emulator is License Manager; the stand-in is
 * the GitHub API.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { describe, expect, it } from 'vitest';
import { commitAll } from '../helpers/cli.js';
import { ACME } from '../helpers/demo-world.js';
import { useActionWorld } from './action-world.js';
import { BOT, PERSON, type GitHubStandIn } from './github-stand-in.js';
import { REPOSITORY, RUN_ID, SERVER, annotations } from './run-action.js';

const RUN_URL = `${SERVER}/${REPOSITORY}/actions/runs/${RUN_ID}`;
const APPLY_MARKER = '<!-- license-gitops:apply dir=licenses -->';
const DRIFT_MARKER = '<!-- license-gitops:drift dir=licenses -->';

let github: GitHubStandIn;
const { world, action } = useActionWorld((standIn) => (github = standIn));
const head = async () => (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
const requests = (method: string, pattern: RegExp) =>
  github.requests.filter((r) => r.method === method && pattern.test(r.url));

describe('after apply on push, the merged pull request', () => {
  const push = async () => {
    const sha = await head();
    return { event: { name: 'push', payload: { ref: 'refs/heads/main', after: sha } }, env: { GITHUB_SHA: sha } };
  };

  it('gets the outcome, one line per license and a link to the run; a re-run updates that comment', async () => {
    const sha = await head();
    github.seedPulls(sha, [
      { number: 12, merged_at: null, merge_commit_sha: null, state: 'open' },
      { number: 11, merged_at: '2026-11-28T10:00:00Z', merge_commit_sha: sha, state: 'closed' },
    ]);
    const result = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(result.code).toBe(0);
    expect(requests('GET', /\/commits\/[0-9a-f]{40}\/pulls/).map((r) => r.url)).toEqual([
      `/repos/acme/licenses/commits/${sha}/pulls?per_page=100`,
    ]);
    expect(github.comments).toHaveLength(1);
    const comment = github.comments[0]!;
    expect(comment.issue).toBe(11);
    const lines = comment.body.split('\n');
    expect(lines[0]).toBe(APPLY_MARKER);
    expect(lines).toContainEqual(
      '- ✅ updated <code>licenses/acme-analytics-pro.json</code> (Acme Analytics Pro): version 3 → 4',
    );
    expect(lines).toContainEqual(
      '- ✅ updated <code>licenses/initech-support.json</code> (Initech Premium Support): version 2 → 3',
    );
    expect(lines).toContainEqual('- unchanged <code>licenses/partners/globex-storage.json</code> (Globex Storage)');
    expect(comment.body).toContain('<details><summary>1 unchanged</summary>');
    expect(comment.body).toContain(`<a href="${RUN_URL}">workflow run</a>`);
    expect(comment.body).toContain(`Applied commit <a href="${SERVER}/${REPOSITORY}/commit/${sha}">`);
    expect(comment.body).toContain('**Apply:** 2 updated, 1 unchanged, 0 conflict, 0 failed, 0 skipped.');

    const again = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(again.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(requests('PATCH', /\/issues\/comments\//)).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('**Apply:** 0 updated, 3 unchanged');
  });

  it('never takes over a comment someone else planted with the marker', async () => {
    github.seedPulls(await head(), [
      { number: 11, merged_at: '2026-11-28T10:00:00Z', merge_commit_sha: null, state: 'closed' },
    ]);
    github.seed(11, [`${APPLY_MARKER}\nplanted`], PERSON);
    const result = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(result.code).toBe(0);
    expect(github.comments.map((c) => [c.user.login, c.body.split('\n')[1]])).toEqual([
      [PERSON.login, 'planted'],
      [BOT.login, '### license-gitops apply · licenses'],
    ]);
  });

  it('names what apply created and, with prune: true, what it deleted', async () => {
    const manifest = JSON.parse(await readFile(join(world.repo.dir, 'licenses/acme-analytics-pro.json'), 'utf8'));
    delete manifest.LicenseArn;
    const hooli = {
      ...manifest,
      LicenseName: 'Hooli Analytics',
      ProductSKU: 'analytics-pro-ent',
      Beneficiary: 'arn:aws:iam::999988887777:root',
    };
    await writeFile(join(world.repo.dir, 'licenses/hooli.json'), JSON.stringify(hooli, null, 2));
    await commitAll(world.repo.dir, 'Add Hooli');
    const merged = (number: number) => ({
      number,
      merged_at: '2026-11-28T10:00:00Z',
      merge_commit_sha: null,
      state: 'closed' as const,
    });
    github.seedPulls(await head(), [merged(21)]);
    const created = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(created.code, created.stdout).toBe(0);
    const arn = world.emulator.store.list().find((l) => l.LicenseName === 'Hooli Analytics')!.LicenseArn!;
    expect(github.comments.find((c) => c.issue === 21)!.body).toContain(
      `- ✅ created <code>licenses/hooli.json</code> (Hooli Analytics): <code>${arn}</code>`,
    );

    await rm(join(world.repo.dir, 'licenses/hooli.json'));
    await commitAll(world.repo.dir, 'Retire Hooli');
    github.seedPulls(await head(), [merged(22)]);
    const kept = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(kept.code).toBe(0);
    expect(world.emulator.store.get(arn)?.Status).not.toBe('DELETED'); // prune is off by default
    const pruned = await action({ ...(await push()), inputs: { command: 'apply', prune: 'true' } });
    expect(pruned.code, pruned.stdout).toBe(0);
    expect(world.emulator.store.get(arn)?.Status).toBe('DELETED');
    expect(github.comments.find((c) => c.issue === 22)!.body).toMatch(
      /^- .*deleted <code>licenses\/hooli\.json<\/code>.*\(was version 1\)$/m,
    );
  });

  it('gives a grant apply created its own line, named by its license and grant', async () => {
    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    const acme = JSON.parse(await readFile(file, 'utf8'));
    acme.Grants = [
      {
        GrantName: 'acme-prod',
        Principals: ['arn:aws:iam::210987654321:root'],
        AllowedOperations: ['CheckoutLicense', 'CheckInLicense'],
      },
    ];
    await writeFile(file, JSON.stringify(acme, null, 2));
    await commitAll(world.repo.dir, 'Grant Acme production');
    github.seedPulls(await head(), [
      { number: 31, merged_at: '2026-11-28T10:00:00Z', merge_commit_sha: null, state: 'closed' },
    ]);
    const result = await action({ ...(await push()), inputs: { command: 'apply', 'record-arns': 'none' } });
    expect(result.code, result.stdout).toBe(0);
    expect(github.comments.find((c) => c.issue === 31)!.body).toMatch(
      /^- ✅ created <code>licenses\/acme-analytics-pro\.json<\/code> \(Acme Analytics Pro: grant acme-prod\): <code>arn:aws:license-manager::123456789012:grant:g-\w+<\/code>/m,
    );
  });

  it('shows a license that did not converge, and the step fails as apply does', async () => {
    github.seedPulls(await head(), [
      { number: 11, merged_at: '2026-11-28T10:00:00Z', merge_commit_sha: null, state: 'closed' },
    ]);
    world.emulator.faults.add({
      kind: 'concurrent-write',
      operation: 'CreateLicenseVersion',
      licenseArn: ACME,
      times: 1,
    });
    const result = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(result.code).toBe(1);
    expect(github.comments[0]!.issue).toBe(11);
    expect(github.comments[0]!.body).toMatch(
      /^- ⚠️ conflict <code>licenses\/acme-analytics-pro\.json<\/code> \(Acme Analytics Pro\): .*changed after it was read.* \(`\w+`\)$/m,
    );
  });

  it('is skipped when no merged pull request brought the commit (a direct push)', async () => {
    const result = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/no merged pull request brought commit [0-9a-f]{40}; no outcome comment/);
    expect(github.comments).toHaveLength(0);
    expect(annotations(result.stdout, 'warning')).toEqual([]);
  });

  it('is a warning, never a failed step, when the token may not comment', async () => {
    github.seedPulls(await head(), [
      { number: 11, merged_at: '2026-11-28T10:00:00Z', merge_commit_sha: null, state: 'closed' },
    ]);
    github.forbidWrites = true;
    const result = await action({ ...(await push()), inputs: { command: 'apply' } });
    expect(result.code).toBe(0);
    expect(annotations(result.stdout, 'warning')).toEqual([
      expect.stringMatching(/^::warning::no permission to comment .*HTTP 403/),
    ]);
    expect(world.writes()).toHaveLength(2);
  });

  it('is not posted for plan, for comment: false, or outside a push', async () => {
    github.seedPulls(await head(), [
      { number: 11, merged_at: '2026-11-28T10:00:00Z', merge_commit_sha: null, state: 'closed' },
    ]);
    await action({ ...(await push()) });
    await action({ ...(await push()), inputs: { command: 'apply', comment: 'false' } });
    await action({ event: { name: 'workflow_dispatch', payload: {} }, inputs: { command: 'apply' } });
    expect(github.requests).toHaveLength(0);
  });
});

describe('drift-issue: true', () => {
  const drift = (inputs: Record<string, string> = {}) =>
    action({ event: { name: 'schedule', payload: {} }, inputs: { 'drift-issue': 'true', ...inputs } });
  const open = () => github.issues.filter((i) => i.state === 'open');

  it('opens one labelled issue, updates it while the drift lasts, and closes it when live matches git', async () => {
    const first = await drift();
    expect(first.code).toBe(0);
    expect(first.outputs['has-changes']).toBe('true');
    expect(github.labels).toEqual(['license-drift']);
    expect(requests('POST', /\/labels$/)).toHaveLength(1);
    expect(open()).toHaveLength(1);
    const issue = open()[0]!;
    expect(issue).toMatchObject({ labels: ['license-drift'], user: BOT });
    expect(issue.title).toBe('License drift: live licenses differ from licenses in git');
    expect(issue.body.split('\n')[0]).toBe(DRIFT_MARKER);
    expect(issue.body).toContain('**Plan:** 2 to update, 1 unchanged, 0 errors.');
    expect(issue.body).toContain('```diff\n~ /Entitlements/seats/MaxCount: 100 → 250 (0 consumed)\n```');
    // Each drifted license with the live version the plan read and when it was made; globex is in step.
    const made =
      /^- <code>licenses\/acme-analytics-pro\.json<\/code>: live version <code>3<\/code>, made <code>\d{4}-\d{2}-\d{2}T[\d:.]+Z<\/code>$/m;
    expect(issue.body).toMatch(made);
    expect(issue.body).toMatch(
      /^- <code>licenses\/initech-support\.json<\/code>: live version <code>2<\/code>, made /m,
    );
    expect(issue.body).not.toContain('<code>licenses/partners/globex-storage.json</code>: live version');
    expect(issue.body).toContain(`<a href="${RUN_URL}">workflow run</a>`);

    const second = await drift();
    expect(second.code).toBe(0);
    expect(github.issues).toHaveLength(1);
    expect(requests('POST', /\/issues$/)).toHaveLength(1);
    expect(requests('PATCH', new RegExp(`/issues/${issue.number}$`))).toHaveLength(1);

    await action({ inputs: { command: 'apply' } }); // live now matches git
    const third = await drift();
    expect(third.code).toBe(0);
    expect(third.outputs['has-changes']).toBe('false');
    expect(github.issues).toHaveLength(1);
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' });
    const closing = github.comments.filter((c) => c.issue === issue.number);
    expect(closing).toHaveLength(1);
    expect(closing[0]!.body).toMatch(/^Live licenses match the manifests in git again at commit [0-9a-f]{12} \(/);

    const writes = () => github.requests.filter((r) => r.method !== 'GET' && r.url !== '/api/graphql').length;
    const before = writes();
    const fourth = await drift();
    expect(fourth.code).toBe(0);
    expect(fourth.stdout).toContain('drift issue: no drift, and no open drift issue');
    expect(writes()).toBe(before); // nothing to close, nothing opened
  });

  it('trusts only issues the token opened: a copy of the marker by someone else is left alone', async () => {
    const forged = github.seedIssue({ body: `${DRIFT_MARKER}\nclose me`, labels: ['license-drift'], user: PERSON });
    await drift();
    expect(open()).toHaveLength(2);
    expect(forged.body).toBe(`${DRIFT_MARKER}\nclose me`);
    const mine = open().find((i) => i.user.id === BOT.id)!;
    expect(mine.body).toContain('**Plan:** 2 to update');

    await action({ inputs: { command: 'apply' } });
    await drift();
    expect(forged.state).toBe('open');
    expect(mine.state).toBe('closed');
    expect(github.comments.some((c) => c.issue === forged.number)).toBe(false);
  });

  it('keeps one issue per directory, and closes an extra one two racing runs opened', async () => {
    await drift();
    const kept = open()[0]!;
    const raced = github.seedIssue({ body: kept.body, labels: ['license-drift'], user: BOT });
    const acme = join(world.repo.dir, 'licenses/partners/globex-storage.json');
    const globex = JSON.parse(await readFile(acme, 'utf8'));
    await writeFile(acme, JSON.stringify({ ...globex, LicenseName: 'Globex Storage 2' }, null, 2));
    await commitAll(world.repo.dir, 'Globex: rename');
    await drift({ directory: 'licenses/partners' });
    await drift();
    expect(raced.state).toBe('closed');
    expect(github.comments.find((c) => c.issue === raced.number)!.body).toBe(
      `Superseded by #${kept.number}, which tracks this drift.`,
    );
    expect(open().map((i) => i.body.split('\n')[0])).toEqual([
      DRIFT_MARKER,
      '<!-- license-gitops:drift dir=licenses/partners -->',
    ]);
  });

  it('leaves the issue alone when the plan has errors and no changes: drift is unknown', async () => {
    await drift();
    const issue = open()[0]!;
    await action({ inputs: { command: 'apply' } });
    world.emulator.faults.add({ kind: 'not-found', licenseArn: ACME }); // batched and single reads alike
    github.requests.length = 0;
    const result = await drift();
    expect(result.code).toBe(1);
    expect(issue.state).toBe('open');
    expect(github.requests).toEqual([]);
    expect(result.stdout).toContain('drift issue: the plan has errors, so drift is unknown');
  });

  it('is a warning, never a failed step, without issues: write', async () => {
    github.forbidWrites = true;
    const result = await drift();
    expect(result.code).toBe(0);
    expect(annotations(result.stdout, 'warning')).toEqual([
      expect.stringMatching(/^::warning::no permission to open or update the drift issue \(HTTP 403\).*issues: write/),
    ]);
    expect(github.issues).toHaveLength(0);
  });
});
