/**
 * Usage-aware plans, end to end: the built CLI in a temporary git repository
 * and the emulator over HTTP, whose seeded usage GetLicenseUsage answers. A
 * change that could cut off a customer in use is an IN_USE error unless allowed.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { beforeEach, describe, expect, it } from 'vitest';
import { commitAll } from '../helpers/cli.js';
import { ACME, useDemoWorld } from '../helpers/demo-world.js';

const MANIFEST = 'licenses/acme-analytics-pro.json';

const world = useDemoWorld();
beforeEach(() => {
  // Acme's live seats are 100 (the demo's drift: its manifest says 250); 80 are checked out.
  world.emulator.setUsage(ACME, { seats: 80 });
});
// Acme's live seats are 100 (the demo's drift: its manifest says 250); 80 are checked out.

const { cli } = world;
const usageCalls = () => world.emulator.calls.filter((c) => c.operation === 'GetLicenseUsage');
const versionsWritten = () =>
  world.emulator.calls.filter((c) => c.operation === 'CreateLicenseVersion' && c.licenseArn === ACME);

async function edit(change: (doc: Record<string, any>) => void, file = MANIFEST): Promise<void> {
  const doc = JSON.parse(await readFile(join(world.repo.dir, file), 'utf8'));
  change(doc);
  await writeFile(join(world.repo.dir, file), `${JSON.stringify(doc, null, 2)}\n`);
  await commitAll(world.repo.dir, 'edit');
}

const seats = (n: number) => (doc: Record<string, any>) => void (doc.Entitlements[0].MaxCount = n);

describe('usage-aware plans', () => {
  it('makes no usage call for a plan with no change that needs it', async () => {
    await edit((doc) => {
      doc.Entitlements[0].MaxCount = 100;
      doc.LicenseMetadata[1].Value = 'gold';
    });
    const out = await cli('plan');
    expect(out.stdout).toContain('~ licenses/acme-analytics-pro.json');
    expect(usageCalls()).toHaveLength(0);
  });

  it('refuses a MaxCount below what is consumed, in plan and apply, and writes nothing for it', async () => {
    await edit(seats(50));
    const plan = await cli('plan', '--detailed-exitcode');
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('entitlement seats has 80 consumed, above the new MaxCount 50');
    expect(plan.stdout).toContain('/Entitlements/seats/MaxCount: 100 → 50 (80 consumed)');
    expect(usageCalls().map((c) => [c.licenseArn, c.region])).toEqual([[ACME, 'us-east-1']]);
    const json = JSON.parse((await cli('plan', '--json')).stdout);
    const acme = json.licenses.find((l: { file: string }) => l.file === MANIFEST);
    expect(acme).toMatchObject({ action: 'error', error: { code: 'IN_USE', licenseArn: ACME } });
    const apply = await cli('apply');
    expect(apply.code).toBe(1);
    expect(apply.stdout).toMatch(/failed +licenses\/acme-analytics-pro.json .*80 consumed, above the new MaxCount 50/);
    expect(versionsWritten()).toHaveLength(0);
  });

  it('shows the consumed value beside a changed MaxCount that covers it, in text and JSON', async () => {
    await edit(seats(300));
    const plan = await cli('plan');
    expect(plan.stdout).toContain('/Entitlements/seats/MaxCount: 100 → 300 (80 consumed)');
    const json = JSON.parse((await cli('plan', '--json')).stdout);
    const acme = json.licenses.find((l: { file: string }) => l.file === MANIFEST);
    expect(acme.usage).toEqual([{ entitlement: 'seats', consumed: 80, maxCount: 300 }]);
    // A saved plan keeps it, and applies.
    const saved = join(world.repo.dir, '..', 'plan.json');
    expect((await cli('plan', '--out', saved)).code).toBe(0);
    expect((await cli('show', saved)).stdout).toContain('(80 consumed)');
    const apply = await cli('apply', saved);
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(versionsWritten()).toHaveLength(1);
  });

  it('says a plan saved with --allow-in-use needs it to apply, not that the license changed', async () => {
    await edit(seats(50));
    const saved = join(world.repo.dir, '..', 'plan.json');
    expect((await cli('plan', '--allow-in-use', '--out', saved)).code).toBe(0);
    const refused = await cli('apply', saved);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the plan writes what this apply refuses');
    expect(refused.stderr).toContain('apply it with --allow-in-use');
    expect(refused.stderr).not.toContain('changed since it was planned');
    expect(versionsWritten()).toHaveLength(0);
    expect((await cli('apply', saved, '--allow-in-use')).code).toBe(0);
    expect(versionsWritten()).toHaveLength(1);
  });

  it('says a saved plan is stale, not that it was made allowing it, when usage grew past it since', async () => {
    await edit(seats(90));
    const saved = join(world.repo.dir, '..', 'plan.json');
    expect((await cli('plan', '--out', saved)).code).toBe(0);
    world.emulator.setUsage(ACME, { seats: 95 });
    const refused = await cli('apply', saved);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the plan is stale');
    expect(refused.stderr).toContain('95 consumed');
    expect(refused.stderr).not.toContain('--allow-in-use (or allowBelowUsage)');
    expect(versionsWritten()).toHaveLength(0);
  });

  it('lowers it anyway with --allow-in-use, with the manifest allowBelowUsage, or with the config', async () => {
    await edit(seats(50));
    expect((await cli('apply', '--allow-in-use')).code).toBe(0);
    expect(versionsWritten()).toHaveLength(1);

    await edit((doc) => {
      doc.allowBelowUsage = true;
      doc.Entitlements[0].MaxCount = 40;
    });
    const byManifest = await cli('apply');
    expect(byManifest.code, byManifest.stdout + byManifest.stderr).toBe(0);
    expect(versionsWritten()).toHaveLength(2);
    expect(world.emulator.store.get(ACME)).not.toHaveProperty('allowBelowUsage');
    // The member is the tool's own: never drift, never sent.
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);

    await edit((doc) => {
      delete doc.allowBelowUsage;
      doc.Entitlements[0].MaxCount = 30;
    });
    await writeFile(join(world.repo.dir, 'license-gitops.json'), '{ "allowBelowUsage": true }\n');
    await commitAll(world.repo.dir, 'config');
    expect((await cli('apply')).code).toBe(0);
    expect((world.emulator.store.get(ACME)?.Entitlements as Array<{ MaxCount?: number }>)[0]?.MaxCount).toBe(30);
  });

  it("names a write allowed only by a pull request turning allowBelowUsage on as the configuration's", async () => {
    await edit(seats(50));
    const base = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    await writeFile(join(world.repo.dir, 'license-gitops.json'), '{ "allowBelowUsage": true }\n');
    await commitAll(world.repo.dir, 'config');
    const json = JSON.parse((await cli('plan', '--json', '--base', base)).stdout);
    expect(json.configChange.members).toEqual(['allowBelowUsage']);
    const acme = json.licenses.find((l: { file: string }) => l.file === MANIFEST);
    expect(acme).toMatchObject({ action: 'update', cause: 'config' });
    expect(acme.note).toContain('allowed by allowBelowUsage');
  });

  it('refuses DEACTIVATED for a license in use, and allows it once nothing is checked out', async () => {
    await edit((doc) => void (doc.Status = 'DEACTIVATED'));
    const plan = await cli('plan');
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain('Status DEACTIVATED would deactivate the license while the license is in use');
    world.emulator.setUsage(ACME, { seats: 0 });
    expect((await cli('apply')).code).toBe(0);
    expect(world.emulator.store.get(ACME)?.Status).toBe('DEACTIVATED');
  });

  it('refuses to prune a license in use', async () => {
    const before = (await simpleGit(world.repo.dir).revparse(['HEAD'])).trim();
    await rm(join(world.repo.dir, MANIFEST));
    await commitAll(world.repo.dir, 'retire Acme');
    const apply = await cli('apply', '--prune', '--changed-since', before);
    expect(apply.stdout + apply.stderr).toContain('prune would delete the license while the license is in use');
    expect(world.emulator.calls.filter((c) => c.operation === 'DeleteLicense')).toHaveLength(0);
    expect(world.emulator.store.get(ACME)?.Status).not.toMatch(/DELETE/);
  });

  it('notes once that usage was not read without the permission, and the plan goes on', async () => {
    world.emulator.faults.add({ kind: 'access-denied', operation: 'GetLicenseUsage' });
    await edit(seats(50));
    await edit((doc) => void (doc.Entitlements[0].MaxCount = 10), 'licenses/partners/globex-storage.json');
    const plan = await cli('plan', '--detailed-exitcode');
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    const notes = plan.stdout.split('\n').filter((line) => line.includes('usage not read'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('license-manager:GetLicenseUsage');
    expect(JSON.parse((await cli('plan', '--json')).stdout).notes).toHaveLength(1);
  });
});
