/**
 * The steps of grants and tags follow from their license's step, through the
 * real SDK against the emulator: once each, after that license's own step,
 * whatever else the plan holds for the same file or keeps at ignored pointers.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsLicenseService } from '../../src/aws/license-service.js';
import { readSeedFile, startEmulator, type Emulator } from '../../src/emulator/index.js';
import type { PlanStep } from '../../src/reconcile/types.js';
import { plan, type SourceSet } from '../../src/run/pipeline.js';
import { readSavedPlan } from '../../src/run/saved-plan.js';
import { verifySavedPlan } from '../../src/run/verify-plan.js';
import { planJson } from '../../src/render/json.js';
import { ROOT } from '../helpers/cli.js';
import { ACME } from '../helpers/demo-world.js';

const FILE = 'licenses/acme-analytics-pro.json';
const PRINCIPAL = 'arn:aws:iam::111122223333:root';
/** A license this tool created for FILE, which FILE no longer declares. */
const OUTLIVED = 'arn:aws:license-manager::123456789012:license:l-0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c0c';

let emulator: Emulator;
let service: AwsLicenseService;

beforeEach(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  emulator = await startEmulator({ port: 0, seed: await readSeedFile(join(ROOT, 'demo/seed.json')) });
  service = new AwsLicenseService({ endpoint: emulator.url, maxAttempts: 1 });
});
afterEach(async () => {
  service.destroy();
  await emulator.close();
  vi.unstubAllEnvs();
});

/** The demo's Acme manifest (its seats drifted live), with one grant and one tag managed. */
async function acme(change: (doc: Record<string, any>) => void = () => {}): Promise<SourceSet> {
  const doc = JSON.parse(await readFile(join(ROOT, FILE), 'utf8'));
  doc.Grants = [{ GrantName: 'acme-prod', Principals: [PRINCIPAL], AllowedOperations: ['CheckoutLicense'] }];
  doc.Tags = [{ Key: 'Team', Value: 'analytics' }];
  change(doc);
  return { sources: [{ file: FILE, text: JSON.stringify(doc) }], errors: [] };
}

const describeStep = (s: PlanStep) =>
  `${s.kind ?? 'license'} ${s.action}${s.kind === 'grant' ? ` ${s.grant.name}` : ''}${s.licenseArn === OUTLIVED ? ' (outlived)' : ''}`;

describe('grant and tag steps', () => {
  it('are planned when an ignore rule keeps a live value the manifest differs in', async () => {
    const set = await acme((doc) => (doc.LicenseName = 'Acme (renamed in git only)'));
    const planned = await plan(set, service, { concurrency: 2, ignore: ['/LicenseName'] });
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    expect(planned.plan.steps.map(describeStep)).toEqual(['license update', 'grant create acme-prod', 'tags update']);
    const [license] = planned.plan.steps;
    expect(license?.patch.map((op) => op.path)).toEqual(['/Entitlements/seats/MaxCount']);
  });

  it('follow their license once when a retirement carries the same file', async () => {
    emulator.addLicenses([
      {
        ...(emulator.store.get(ACME) as object),
        LicenseArn: OUTLIVED,
        LicenseName: 'Created for this file, no longer declared by it',
        Tags: [
          { Key: 'license-gitops:managed-by', Value: 'license-gitops' },
          { Key: 'license-gitops:manifest', Value: 'acme-analytics-pro.json' },
        ],
      } as never,
    ]);
    const options = { concurrency: 2, prune: true, manifestDir: 'licenses', regions: ['us-east-1'] };
    const planned = await plan(await acme(), service, options);
    if (!planned.ok) throw new Error(JSON.stringify(planned.errors));
    expect(planned.plan.steps.map(describeStep)).toEqual([
      'license update',
      'grant create acme-prod',
      'tags update',
      'license delete (outlived)',
    ]);
    expect(planned.plan.summary).toMatchObject({ create: 1, update: 2, delete: 1 });
    // Saved and read back, each step is there once.
    const saved = readSavedPlan(JSON.stringify(planJson(planned.plan, { saved: true, config: null })), 'plan.json');
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    expect(saved.saved.plan.steps.map(describeStep)).toEqual(planned.plan.steps.map(describeStep));
    // Checked by planning again, each saved write is matched with its own fresh step.
    const verified = await verifySavedPlan(saved.saved, 'plan.json', await acme(), service, options);
    if (!verified.ok) throw new Error(JSON.stringify(verified.errors));
    expect(verified.plan.steps.map(describeStep)).toEqual(planned.plan.steps.map(describeStep));
  });
});
