/**
 * Ignored means untouched, proven against the emulator through the real SDK:
 * for random licenses, manifests and ignore rules, the version apply writes is
 * the live license with exactly the plan's patch applied.
 */
import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AwsLicenseService } from '../../src/aws/license-service.js';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { normalize } from '../../src/reconcile/normalize.js';
import { pair } from '../../src/reconcile/pair.js';
import { buildPlan } from '../../src/reconcile/plan.js';
import { applyPlan } from '../../src/run/apply.js';
import { readLive } from '../../src/run/read-live.js';
import { ignoreArb, manifestAndLiveArb } from '../reconcile/ignore-arbitraries.js';

let emulator: Emulator;
let service: AwsLicenseService;

beforeAll(async () => {
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDTEST');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'test');
  emulator = await startEmulator({ port: 0 });
  service = new AwsLicenseService({ endpoint: emulator.url, maxAttempts: 1 });
});

afterAll(async () => {
  service.destroy();
  await emulator.close();
  vi.unstubAllEnvs();
});

/** Only what the emulator accepts as a license: Value only with Unit None, MaxCount only without. */
const cases = manifestAndLiveArb
  .map(([manifest, live]) => [apiValid(manifest), apiValid(live)] as const)
  .chain(([m, l]) => fc.tuple(fc.constant(m), fc.constant(l), ignoreArb(m, l)));

function apiValid<T extends object>(doc: T): T {
  const entitlements = (doc as { Entitlements?: Record<string, unknown>[] }).Entitlements ?? [];
  return {
    ...doc,
    Entitlements: entitlements.map(({ Value, MaxCount, ...rest }) =>
      rest.Unit === 'None' ? { ...rest, Value: Value ?? 'x' } : { ...rest, MaxCount: MaxCount ?? 1 },
    ),
  };
}

describe('apply with ignore rules, against the emulator', () => {
  it("writes exactly live + the plan's patch", async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ([manifest, live, ignore]) => {
        n += 1;
        const arn = `arn:aws:license-manager::123456789012:license:l-${n.toString(16).padStart(32, '0')}`;
        const document = { ...manifest, LicenseArn: arn };
        emulator.addLicenses([{ ...live, LicenseArn: arn, Version: '1' } as never]);
        const manifests = [{ file: 'licenses/x.json', document }];
        const reads = await readLive(manifests, service, { concurrency: 1 });
        const plan = buildPlan(pair(manifests, reads), { ignore });
        const [step] = plan.steps;
        expect(step?.action).not.toBe('error');
        const [result] = await applyPlan(plan, service, { concurrency: 1 });
        const read = await service.getLicense(arn, document.HomeRegion);
        if (!read.ok || !step?.observed) {
          expect(step?.action).toBe('noop'); // nothing was sent
          return;
        }
        expect(result?.outcome).toBe('updated');
        const expected = jsonpatch.applyPatch(structuredClone(step.observed), step.patch, true, false).newDocument;
        expect(normalize(read.license)).toStrictEqual(JSON.parse(JSON.stringify(expected)));
      }),
      { numRuns: 40 },
    );
  });
});
