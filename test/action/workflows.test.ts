/** action.yml and the example workflows parse as YAML and keep the security model's promises. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const read = (file: string) => readFile(join(ROOT, file), 'utf8');
const WORKFLOWS = ['plan', 'apply', 'drift'].map((name) => `examples/workflows/${name}.yml`);

describe.each(['action.yml', ...WORKFLOWS])('%s', (file) => {
  it('is valid YAML', async () => {
    await expect(format(await read(file), { parser: 'yaml' })).resolves.toBeTypeOf('string');
  });
});

describe('the example workflows', () => {
  it('never use pull_request_target and reference the Action by tag', async () => {
    for (const file of WORKFLOWS) {
      const text = await read(file);
      expect(text.replace(/^\s*#.*$/gm, ''), file).not.toContain('pull_request_target');
      expect(text, file).toContain('uses: <owner>/license-gitops@v1');
    }
  });

  it('plan: read-only role, PR comment permission, full history for changed-since', async () => {
    const plan = await read('examples/workflows/plan.yml');
    expect(plan).toMatch(/^ {2}pull_request:/m);
    expect(plan).toMatch(/id-token: write[\s\S]*contents: read[\s\S]*pull-requests: write/);
    expect(plan).toContain('fetch-depth: 0');
    expect(plan).toContain('changed-since: ${{ github.event.pull_request.base.sha }}');
    expect(plan).toContain('role/license-gitops-plan');
  });

  it('apply: the protected environment, one at a time, no comment permission', async () => {
    const apply = await read('examples/workflows/apply.yml');
    expect(apply).toContain('environment: license-manager');
    expect(apply).toMatch(/concurrency:\n {2}group: license-apply\n {2}cancel-in-progress: false/);
    expect(apply).not.toContain('pull-requests: write');
    expect(apply).toContain('role/license-gitops-apply');
  });

  it('drift: scheduled, and fails the run when the plan has changes', async () => {
    const drift = await read('examples/workflows/drift.yml');
    expect(drift).toMatch(/schedule:\n\s+- cron:/);
    expect(drift).toContain("if: steps.plan.outputs.has-changes == 'true'");
    expect(drift).toMatch(/exit 1/);
  });
});
