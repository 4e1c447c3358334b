/**
 * Product templates end to end: the built CLI in a temporary git repository and
 * the emulator over HTTP. Two customers' manifests name one template; a change
 * of the template is a change of both, planned and applied as their own diffs.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { simpleGit } from 'simple-git';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSeedFile, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ROOT, awsEnv, commitAll, runCli, tempRepo } from '../helpers/cli.js';
import { ACME } from '../helpers/demo-world.js';

const TEMPLATE = 'licenses/products/common.json';
const USERS = ['licenses/acme-analytics-pro.json', 'licenses/initech-support.json'];

let emulator: Emulator;
let repo: { dir: string; cleanup: () => Promise<void> };

const cli = (...args: string[]) => runCli(args, { cwd: repo.dir, env: awsEnv(emulator.url) });
const writes = () => emulator.calls.filter((c) => c.operation === 'CreateLicenseVersion');

async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(join(repo.dir, file, '..'), { recursive: true });
  await writeFile(join(repo.dir, file), `${JSON.stringify(value, null, 2)}\n`);
}

async function editJson(file: string, change: (doc: Record<string, any>) => void): Promise<void> {
  const doc = JSON.parse(await readFile(join(repo.dir, file), 'utf8'));
  change(doc);
  await writeJsonFile(file, doc);
}

/** The template holds the issuer and one metadata item; each manifest keeps the rest and names it. */
async function useTemplate(support: string): Promise<void> {
  await writeJsonFile(TEMPLATE, {
    Issuer: { Name: 'Example Software Inc.' },
    LicenseMetadata: [{ Name: 'Support', Value: support }],
  });
  for (const file of USERS)
    await editJson(file, (doc) => {
      doc.$template = 'products/common.json';
      delete doc.Issuer;
    });
}

beforeEach(async () => {
  emulator = await startEmulator({ seed: await readSeedFile(join(ROOT, 'demo/seed.json')) });
  repo = await tempRepo();
  // Acme's Issuer has a SignKey: give it the template's issuer so the template's only news is the metadata.
  await editJson(USERS[0]!, (doc) => {
    doc.Issuer = { Name: 'Example Software Inc.' };
  });
  await commitAll(repo.dir, 'One issuer');
  expect((await cli('apply')).code).toBe(0);
});
afterEach(async () => {
  await emulator.close();
  await repo.cleanup();
});

describe('a product template', () => {
  it('fans out: one change plans every license rendered from it, named in the plan, and apply converges', async () => {
    await useTemplate('gold');
    await commitAll(repo.dir, 'Common template');
    const before = writes().length;
    const planned = await cli('plan', '--detailed-exitcode');
    expect(planned.code).toBe(2);
    expect(planned.stdout).toContain(`${TEMPLATE} changes 2 licenses`);
    for (const file of USERS) expect(planned.stdout).toMatch(new RegExp(`~ ${file}[\\s\\S]*?/LicenseMetadata/Support`));
    expect(planned.stdout).not.toMatch(/[~+] licenses\/products/);
    const json = JSON.parse((await cli('plan', '--json')).stdout);
    expect(json.templates).toEqual([{ file: TEMPLATE, licenses: 2 }]);
    expect((await cli('apply')).code).toBe(0);
    expect(writes().length - before).toBe(2);
    const metadata = emulator.store.get(ACME)?.LicenseMetadata as { Name: string; Value: string }[];
    expect(metadata).toContainEqual({ Name: 'Support', Value: 'gold' });
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('changed alone is a change of its users for --changed-since and plan --base', async () => {
    await useTemplate('gold');
    await commitAll(repo.dir, 'Common template');
    expect((await cli('apply')).code).toBe(0);
    await editJson(TEMPLATE, (doc) => {
      doc.LicenseMetadata = [{ Name: 'Support', Value: 'platinum' }];
    });
    await commitAll(repo.dir, 'Platinum support');
    const narrowed = await cli('plan', '--changed-since', 'HEAD~1', '--json');
    const files = JSON.parse(narrowed.stdout).licenses.map((l: { file: string; action: string }) => [l.file, l.action]);
    expect(files).toEqual(USERS.map((file) => [file, 'update']));
    const based = JSON.parse((await cli('plan', '--base', 'HEAD~1', '--json')).stdout);
    const causes = based.licenses.filter((l: { action: string }) => l.action === 'update').map((l: any) => l.cause);
    expect(causes).toEqual(['manifest', 'manifest']);
  });

  it('is validated on its own and never planned as a license', async () => {
    await useTemplate('gold');
    await commitAll(repo.dir, 'Common template');
    const validated = await cli('validate');
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain('3 manifests valid in licenses (and 1 product template)');
    await editJson(TEMPLATE, (doc) => {
      doc.Entitlements = [{ Name: 'x', Unit: 'Parsecs' }];
    });
    const bad = await cli('validate');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`${TEMPLATE}:\\d+:\\d+: .*Unit`));
  });

  it.each([
    [
      'outside the manifest directory',
      '../outside.json',
      /names outside.json, which is not a file of the manifest directory/,
    ],
    [
      'missing',
      'products/none.json',
      /names licenses\/products\/none.json, which is not a file of the manifest directory/,
    ],
    ['itself templated', 'products/nested.json', /\$template of its own; templates are one level only/],
    // Empty names no template: the schema says so, and the file is not left out of the run unseen.
    ['empty', '', /\/\$template must not be empty/],
    [
      'an absolute path',
      '/etc/passwd',
      /"\/etc\/passwd" is an absolute path; name the template relative to this manifest/,
    ],
  ])('%s is an error at the manifest $template, before any call', async (_what, ref, message) => {
    await writeJsonFile('outside.json', { ProductName: 'x' });
    await writeJsonFile('licenses/products/nested.json', { $template: 'common.json' });
    await writeJsonFile('licenses/products/common.json', { ProductName: 'x' });
    await editJson(USERS[0]!, (doc) => {
      doc.$template = ref;
    });
    await commitAll(repo.dir, 'Bad template');
    const calls = emulator.calls.length;
    const planned = await cli('plan');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toMatch(new RegExp(`${USERS[0]}:\\d+:\\d+: .*`));
    expect(planned.stderr).toMatch(message);
    expect(planned.stderr).not.toMatch(/\n\s+at /);
    expect(emulator.calls.length).toBe(calls);
  });

  it('an error in a rendered license names the manifest and the template line it came from', async () => {
    await writeJsonFile(TEMPLATE, { Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: -5 }] });
    await editJson(USERS[0]!, (doc) => {
      doc.$template = 'products/common.json';
      doc.Entitlements = doc.Entitlements.filter((e: { Name: string }) => e.Name !== 'seats');
    });
    await commitAll(repo.dir, 'Negative seats');
    const planned = await cli('validate');
    expect(planned.code).toBe(1);
    expect(planned.stderr).toMatch(new RegExp(`${USERS[0]}:\\d+:\\d+: .*from the template at ${TEMPLATE}:\\d+:\\d+`));
  });

  it('show-rendered prints the merged license', async () => {
    await useTemplate('gold');
    const shown = await cli('show-rendered', USERS[1]!);
    expect(shown.code).toBe(0);
    const doc = JSON.parse(shown.stdout);
    expect(doc.Issuer).toEqual({ Name: 'Example Software Inc.' });
    expect(doc.LicenseMetadata).toContainEqual({ Name: 'Support', Value: 'gold' });
    expect(doc.$template).toBeUndefined();
    const template = await cli('show-rendered', TEMPLATE);
    expect(template.code).toBe(1);
    expect(template.stderr).toMatch(/is a product template, not a license/);
  });

  it('a saved plan is refused once the template changed at the commit applied', async () => {
    await useTemplate('gold');
    await commitAll(repo.dir, 'Common template');
    const out = join(repo.dir, '..', 'plan.json');
    expect((await cli('plan', '--out', out)).code).toBe(0);
    await editJson(TEMPLATE, (doc) => {
      doc.LicenseMetadata = [{ Name: 'Support', Value: 'silver' }];
    });
    await commitAll(repo.dir, 'Silver instead');
    const before = writes().length;
    const applied = await cli('apply', out);
    expect(applied.code).not.toBe(0);
    expect(applied.stdout + applied.stderr).toMatch(/was made from commit \w+, but HEAD is/);
    expect(writes().length).toBe(before);
  });

  it("a saved plan records each template's blob, and one that names another blob is refused", async () => {
    await useTemplate('gold');
    const commit = await commitAll(repo.dir, 'Common template');
    const out = join(repo.dir, '..', 'plan.json');
    expect((await cli('plan', '--out', out)).code).toBe(0);
    const saved = JSON.parse(await readFile(out, 'utf8'));
    const blob = (await simpleGit(repo.dir).revparse([`${commit}:${TEMPLATE}`])).trim();
    expect(saved.templateBlobs).toEqual([{ file: TEMPLATE, blob }]);
    saved.templateBlobs[0].blob = '0'.repeat(40);
    await writeFile(out, JSON.stringify(saved));
    const before = writes().length;
    const applied = await cli('apply', out);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(
      `was made with template ${TEMPLATE} at blob ${'0'.repeat(40)}, but commit ${commit} has it at blob ${blob}`,
    );
    expect(writes().length).toBe(before);
  });

  it('a saved plan of files outside git is refused once its template was edited', async () => {
    await useTemplate('gold');
    await rm(join(repo.dir, '.git'), { recursive: true, force: true });
    const out = join(repo.dir, '..', 'plan.json');
    expect((await cli('plan', '--out', out)).code).toBe(0);
    await editJson(TEMPLATE, (doc) => {
      doc.LicenseMetadata = [{ Name: 'Support', Value: 'silver' }];
    });
    const before = writes().length;
    const applied = await cli('apply', out, '--allow-dirty');
    expect(applied.code).toBe(1);
    expect(applied.stderr).toMatch(
      new RegExp(`was made with template ${TEMPLATE} at blob \\w+, but the working tree has it at blob \\w+`),
    );
    expect(writes().length).toBe(before);
    // Restored, it applies; not with another configuration file beside it.
    await editJson(TEMPLATE, (doc) => {
      doc.LicenseMetadata = [{ Name: 'Support', Value: 'gold' }];
    });
    await writeJsonFile('license-gitops.json', { maxChanges: 10 });
    const config = await cli('apply', out, '--allow-dirty');
    expect(config.code).toBe(1);
    expect(config.stderr).toMatch(
      /was made with no configuration file, but this apply's configuration is .*license-gitops\.json at blob \w+/,
    );
    await rm(join(repo.dir, 'license-gitops.json'));
    expect((await cli('apply', out, '--allow-dirty')).code).toBe(0);
    expect(writes().length - before).toBe(2);
  });

  it('import --template writes a manifest that names it and leaves out what equals it; it plans no change', async () => {
    await writeJsonFile(TEMPLATE, {
      Issuer: { Name: 'Example Software Inc.' },
      LicenseMetadata: [{ Name: 'Tier', Value: 'enterprise' }],
    });
    await commitAll(repo.dir, 'Template');
    const imported = await cli('import', ACME, '--force', '--template', TEMPLATE, '--region', 'us-east-1');
    expect(imported.code).toBe(0);
    const written = JSON.parse(await readFile(join(repo.dir, USERS[0]!), 'utf8'));
    expect(written.$template).toBe('products/common.json');
    expect(written.Issuer).toBeUndefined();
    expect(written.LicenseMetadata).toEqual([{ Name: 'Customer', Value: 'Acme Corp' }]);
    await commitAll(repo.dir, 'Imported over the template');
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });
});
