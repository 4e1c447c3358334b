/** action.yml and the example workflows parse as YAML and keep the security model's promises. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const read = (file: string) => readFile(join(ROOT, file), 'utf8');
const WORKFLOWS = ['plan', 'apply', 'drift'].map((name) => `examples/workflows/${name}.yml`);
/** The workflow without its comments, so a promise kept only in a comment doesn't count. */
const code = async (file: string) => (await read(file)).replace(/(^|\s)#.*$/gm, '');

describe.each(['action.yml', ...WORKFLOWS])('%s', (file) => {
  it('is valid YAML', async () => {
    await expect(format(await read(file), { parser: 'yaml' })).resolves.toBeTypeOf('string');
  });
});

describe.each(WORKFLOWS)('%s', (file) => {
  it('never uses pull_request_target', async () => {
    expect(await code(file)).not.toContain('pull_request_target');
  });

  it('pins every action to a full commit SHA, the license-gitops Action included', async () => {
    const uses = [...(await read(file)).matchAll(/^\s*(?:-\s*)?uses:\s*(\S+)/gm)].map((m) => m[1]!);
    expect(uses.length).toBeGreaterThanOrEqual(3);
    for (const ref of uses) expect(ref, file).toMatch(/^[^@\s]+@[0-9a-f]{40}$/);
    expect(uses.some((u) => u.startsWith('<owner>/license-gitops@'))).toBe(true);
  });

  it('leaves no git credentials on the runner, and bounds every job in time', async () => {
    const text = await code(file);
    const checkouts = text.match(/uses: actions\/checkout@/g) ?? [];
    expect(checkouts.length).toBeGreaterThan(0);
    expect(text.match(/persist-credentials: false/g) ?? []).toHaveLength(checkouts.length);
    const jobs = text.slice(text.indexOf('\njobs:')).match(/^ {2}[\w-]+:$/gm) ?? [];
    expect(text.match(/^ {4}timeout-minutes: \d+$/gm) ?? []).toHaveLength(jobs.length);
  });

  it('keeps the plan JSON as an artifact', async () => {
    const text = await code(file);
    expect(text).toMatch(
      /if: always\(\) && steps\.(\w+)\.outputs\.plan-json != ''\n\s+uses: actions\/upload-artifact@[0-9a-f]{40}\n\s+with:\n(?:\s+.*\n)*?\s+path: \$\{\{ steps\.\1\.outputs\.plan-json \}\}/,
    );
  });
});

describe('the example workflows', () => {
  it('plan: the same scope apply reconciles (every manifest), with the history for the base', async () => {
    const plan = await code('examples/workflows/plan.yml');
    const apply = await code('examples/workflows/apply.yml');
    expect(plan).toMatch(/^ {2}pull_request:/m);
    expect(plan).toMatch(/id-token: write[\s\S]*contents: read[\s\S]*pull-requests: write/);
    expect(plan).toContain('fetch-depth: 0');
    expect(plan).not.toContain('changed-since');
    expect(plan).not.toMatch(/^\s+paths:/m);
    expect(apply).not.toContain('changed-since');
    expect(apply).not.toMatch(/^\s+paths:/m);
    const inputs = (text: string) => {
      const step = text.slice(text.indexOf('license-gitops@'));
      return step.slice(0, step.indexOf('\n      - ')).match(/^ {10}[\w-]+:/gm);
    };
    expect(inputs(plan)).toEqual(['          command:', '          directory:']);
    expect(inputs(apply)).toEqual(['          command:', '          directory:']);
    expect(plan).toContain('role/license-gitops-plan');
  });

  it('apply: the protected environment, one at a time, main only even when dispatched', async () => {
    const apply = await code('examples/workflows/apply.yml');
    expect(apply).toContain('environment: license-manager');
    expect(apply).toMatch(/concurrency:\n {2}group: license-apply\n {2}cancel-in-progress: false/);
    expect(apply).toMatch(/^ {2}workflow_dispatch:/m);
    expect(apply).toMatch(/^ {4}if: github\.ref == 'refs\/heads\/main'$/m);
    expect(apply).toMatch(/^ {2}push:\n {4}branches: \[main\]$/m);
    expect(apply).toContain('role/license-gitops-apply');
    expect(apply).toContain('command: apply');
    // record-arns (default pull-request) makes a branch, a commit and a pull request through the API.
    expect(apply).toMatch(/^ {2}contents: write\b/m);
    expect(apply).toMatch(/^ {2}pull-requests: write\b/m);
    expect(apply).toContain('persist-credentials: false');
  });

  it('drift: scheduled, keeps the drift issue with issues: write, and fails the run when drifted', async () => {
    const drift = await code('examples/workflows/drift.yml');
    expect(drift).toMatch(/schedule:\n\s+- cron:/);
    expect(drift).toContain('drift-issue: true');
    expect(drift).toMatch(/^permissions:\n(?: {2}.*\n)* {2}issues: write$/m);
    expect(drift).toContain("if: steps.plan.outputs.has-changes == 'true'");
    expect(drift).toMatch(/exit 1/);
  });
});
