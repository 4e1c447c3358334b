/**
 * A saved plan is a claim to check, not a command to obey: edited content,
 * another ARN, an extra step, a spent plan, other ignore rules, absurd nesting
 * a shown change or a step edited or left out are all refused before anything is sent; `show`
 * prints a saved plan as plan does; a plan that can't be saved says why.
 */
import { CreateLicenseVersionCommand, GetLicenseCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACME, INITECH, useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();
const { cli, writes } = world;
const PLAN = 'plan.json';

/**
 * The plan of the untouched demo world, saved once: every test's world is the same (the
 * emulator seeded alike, the repository a copy of one commit), so its plan is too.
 */
let pristine: string | undefined;

async function savePlan(...args: string[]): Promise<any> {
  if (args.length === 0 && pristine !== undefined) {
    await writeFile(join(world.repo.dir, PLAN), pristine);
    return JSON.parse(pristine);
  }
  const result = await cli('plan', '--out', PLAN, ...args);
  expect(result.stderr).toContain(`Saved the plan to ${PLAN}`);
  const text = await readFile(join(world.repo.dir, PLAN), 'utf8');
  if (args.length === 0) pristine = text;
  return JSON.parse(text);
}

async function rewritePlan(plan: unknown): Promise<void> {
  await writeFile(join(world.repo.dir, PLAN), typeof plan === 'string' ? plan : JSON.stringify(plan, null, 2));
}

const acmeStep = (plan: any) => plan.licenses.find((l: { licenseArn: string }) => l.licenseArn === ACME);
const noopStep = (plan: any) => plan.licenses.find((l: { action: string }) => l.action === 'noop');
const maxCountOp = (plan: any) =>
  acmeStep(plan).patch.find((o: { path: string }) => o.path === '/Entitlements/seats/MaxCount');

/** Applies the rewritten plan and expects it refused with `message`, nothing written. */
async function expectRefused(message: string | RegExp): Promise<void> {
  world.emulator.resetCalls();
  const result = await cli('apply', PLAN);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toContain('internal error');
  expect(writes()).toHaveLength(0);
}

describe('apply PLANFILE checks the plan against the commit it names', () => {
  it('refuses edited content (the file says MaxCount 5, the commit 250)', async () => {
    const plan = await savePlan();
    acmeStep(plan).desired.Entitlements.find((e: { Name: string }) => e.Name === 'seats').MaxCount = 5;
    await rewritePlan(plan);
    await expectRefused(/plan\.json: .*acme-analytics-pro\.json: the plan's content for .* differs from commit/);
    expect(world.emulator.store.get(ACME)?.Version).toBe('3');
  });

  it('refuses a license no manifest names (the ARN replaced throughout)', async () => {
    const plan = await savePlan();
    const other = 'arn:aws:license-manager::123456789012:license:l-ffffffffffffffffffffffffffffffff';
    await rewritePlan(JSON.stringify(plan).replaceAll(ACME, other));
    await expectRefused(`names license ${other}, which no manifest at commit`);
  });

  it('refuses a step added for another license', async () => {
    const plan = await savePlan();
    const extra = structuredClone(acmeStep(plan));
    extra.licenseArn = extra.desired.LicenseArn =
      'arn:aws:license-manager::123456789012:license:l-eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee';
    extra.file = 'licenses/extra.json';
    plan.licenses.push(extra);
    await rewritePlan(plan);
    await expectRefused('which no manifest at commit');
  });

  it('refuses a step repeated, which would be applied and counted twice', async () => {
    const plan = await savePlan();
    plan.licenses.push(structuredClone(acmeStep(plan)));
    await rewritePlan(plan);
    await expectRefused(/plan\.json: .*holds two steps for Acme Analytics Pro \(licenses\/acme-analytics-pro\.json\)/);
  });

  it('refuses a step moved to another file or region', async () => {
    const plan = await savePlan();
    acmeStep(plan).file = 'licenses/initech-support.json';
    await rewritePlan(plan);
    await expectRefused('but at commit');
  });

  it('refuses a plan made without an ignore rule this apply has', async () => {
    await savePlan();
    world.emulator.resetCalls();
    const result = await cli('apply', PLAN, '--ignore', '/Entitlements/seats/MaxCount');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'was made without the ignore rules /Entitlements/seats/MaxCount that this apply has, so it would change what they protect',
    );
    expect(writes()).toHaveLength(0);
  });

  it('refuses a plan claiming no commit (a working tree) unless --allow-dirty, then checks it against the working tree', async () => {
    const plan = await savePlan();
    delete plan.commit;
    plan.workingTree = true;
    await rewritePlan(plan);
    await expectRefused('was made from a working tree with uncommitted changes, which no commit vouches for');
    acmeStep(plan).desired.LicenseName = 'Not what the working tree says';
    await rewritePlan(plan);
    const edited = await cli('apply', PLAN, '--allow-dirty');
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain("the plan's content for");
    expect(writes()).toHaveLength(0);
  });

  it('refuses a plan nested absurdly deep, before any call', async () => {
    await rewritePlan(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    await expectRefused('nests deeper than');
    expect(world.emulator.calls).toHaveLength(0);
  });

  it.each<[string, (plan: any) => void]>([
    ['its shown change', (plan) => (maxCountOp(plan).value = 999)],
    ['the state it was planned against', (plan) => (acmeStep(plan).observed.Entitlements.seats.MaxCount = 250)],
    ['a step it leaves alone', (plan) => (noopStep(plan).desired.LicenseName = 'Renamed')],
    ['the list of its steps', (plan) => plan.licenses.splice(plan.licenses.indexOf(noopStep(plan)), 1)],
  ])('refuses a plan with %s edited, with nothing written', async (_what, edit) => {
    const plan = await savePlan();
    edit(plan);
    await rewritePlan(plan);
    await expectRefused(/it was edited/);
  });
});

describe('a spent or stale plan', () => {
  it('applies when a license it leaves alone got a new version with the same content since', async () => {
    const plan = await savePlan();
    const arn = noopStep(plan).licenseArn as string;
    const sdk = new LicenseManagerClient({
      region: noopStep(plan).desired.HomeRegion,
      endpoint: world.emulator.url,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const { License: live } = await sdk.send(new GetLicenseCommand({ LicenseArn: arn }));
    const { LicenseName, ProductName, Issuer, HomeRegion, Validity, LicenseMetadata, Entitlements, Status } = live!;
    const same = { LicenseName, ProductName, HomeRegion, Validity, LicenseMetadata, Entitlements, Status };
    const request = { ...same, Issuer: { Name: Issuer!.Name!, SignKey: Issuer!.SignKey! } };
    const content = { ...request, ConsumptionConfiguration: live!.ConsumptionConfiguration };
    await sdk.send(
      new CreateLicenseVersionCommand({
        LicenseArn: arn,
        ...content,
        SourceVersion: live!.Version,
        ClientToken: 'same',
      } as never),
    );
    sdk.destroy();
    expect(world.emulator.store.get(arn)?.Version).not.toBe(noopStep(plan).sourceVersion);
    world.emulator.resetCalls();
    const result = await cli('apply', PLAN);
    expect(result.code, result.stderr).toBe(0);
    expect(writes().length).toBeGreaterThan(0);
  });

  it('is refused the second time, with nothing written, naming every license that moved since, not only the first', async () => {
    await savePlan();
    expect((await cli('apply', PLAN)).code).toBe(0);
    world.emulator.resetCalls();
    const again = await cli('apply', PLAN);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'the plan is stale: license changed since it was planned (perhaps by applying this plan)',
    );
    expect(again.stderr).toMatch(
      /acme-analytics-pro\.json: the plan is stale[^\n]*\n[^\n]*initech-support\.json: the plan is stale/,
    );
    expect(again.stderr).toContain('2 problems found; nothing was sent');
    expect(again.stderr).not.toContain('internal error');
    expect(writes()).toHaveLength(0);
    expect(world.emulator.store.get(ACME)?.Version).toBe('4');
  });
});

describe('show PLANFILE', () => {
  it('prints a saved plan as plan does, in text and JSON, without any call', async () => {
    const planned = await cli('plan', '--out', PLAN); // prints the plan as plan does, and saves it
    world.emulator.resetCalls();
    const shown = await cli('show', PLAN);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(planned.stdout);
    const json = JSON.parse((await cli('show', PLAN, '--json')).stdout);
    expect(json).toEqual(JSON.parse((await cli('plan', '--json')).stdout));
    const reads = ['GetLicense', 'ListLicenses', 'GetLicenseUsage'];
    expect(world.emulator.calls.filter((c) => !reads.includes(c.operation))).toHaveLength(0);
  });

  it('refuses what is not a saved plan', async () => {
    await rewritePlan('{"formatVersion": 1}');
    const shown = await cli('show', PLAN);
    expect(shown.code).toBe(1);
    expect(shown.stderr).toContain('is not a saved plan');
  });
});

describe('plan --out', () => {
  it('does not save a plan of a dirty tree, and says why', async () => {
    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"MaxCount": 250', '"MaxCount": 260'));
    const result = await cli('plan', '--out', PLAN);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Manifests from the working tree (uncommitted changes)');
    expect(result.stderr).toContain(
      'the plan was not saved to plan.json: it is of a working tree with uncommitted changes',
    );
    await expect(readFile(join(world.repo.dir, PLAN))).rejects.toThrow();
  });

  it('reports an unwritable --out as a usage problem, not an internal error', async () => {
    await writeFile(join(world.repo.dir, 'not-a-folder'), '');
    const result = await cli('plan', '--out', 'not-a-folder/plan.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the plan could not be saved to not-a-folder\/plan\.json \(ENOTDIR\)/);
    expect(result.stderr).not.toContain('internal error');
  });
});

void INITECH;
