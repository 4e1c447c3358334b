/**
 * The end-to-end scenarios under every dialect: the real pipeline and the real
 * AWS SDK against the emulator over HTTP, in-process. Where the API reference is
 * silent (stale pin, unknown ARN, status codes, ClientToken replay) the client
 * must come to the same outcome whichever way the service answers.
 *
 * Each test runs one scenario under all 16 dialects at once and compares what
 * each dialect produced with the one expected outcome, so a failure names the
 * dialect.
 */
import { DeleteLicenseCommand, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AwsLicenseService } from '../../src/aws/license-service.js';
import {
  allDialects,
  describeDialect,
  startEmulator,
  type Dialect,
  type Emulator,
  type FaultSpec,
  type SeedLicense,
} from '../../src/emulator/index.js';
import type { LicenseDocument } from '../../src/reconcile/types.js';
import { apply, applyPlanned, plan } from '../../src/run/pipeline.js';

const arn = (n: number) => `arn:aws:license-manager::123456789012:license:l-${n.toString(16).padStart(32, '0')}`;
const A = arn(1);
const B = arn(2);
const UNKNOWN = arn(99);

function document(licenseArn: string, homeRegion: string, seats: number): LicenseDocument {
  return {
    LicenseArn: licenseArn,
    LicenseName: `License ${licenseArn.slice(-2)}`,
    ProductName: 'Analytics',
    Issuer: { Name: 'Example Software Inc.' },
    HomeRegion: homeRegion,
    Validity: { Begin: '2026-01-01T00:00:00Z' },
    Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: seats }],
    ConsumptionConfiguration: { RenewType: 'Monthly' },
    Status: 'AVAILABLE',
  };
}

/** Live: 10 seats, with metadata the manifests drop. Manifests: 20 seats. */
const live = (licenseArn: string, region: string, extra: Record<string, unknown> = {}): SeedLicense => ({
  ...(document(licenseArn, region, 10) as LicenseDocument & { LicenseArn: string }),
  LicenseMetadata: [{ Name: 'Team', Value: 'data' }],
  Version: '3',
  ...extra,
});
const sources = (...docs: LicenseDocument[]) => ({
  sources: docs.map((d) => ({ file: `licenses/${d.LicenseArn!.slice(-2)}.json`, text: JSON.stringify(d) })),
  errors: [],
});
const desiredA = document(A, 'us-east-1', 20);
const desiredB = document(B, 'eu-west-1', 20);
const OPTIONS = { concurrency: 4 };

let saved: Record<string, string | undefined>;
beforeAll(() => {
  saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
});
afterAll(() => {
  process.env.AWS_ACCESS_KEY_ID = saved.id;
  process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
});

/** Runs `scenario` under every dialect at once; returns what each produced, keyed by dialect. */
async function underEveryDialect(
  licenses: SeedLicense[],
  faults: FaultSpec[],
  scenario: (emulator: Emulator, service: AwsLicenseService) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const runs = allDialects().map(async (dialect: Dialect) => {
    const emulator = await startEmulator({ dialect, seed: { licenses, faults } });
    const service = new AwsLicenseService({ endpoint: emulator.url, maxAttempts: 5, timeoutMs: 5_000 });
    try {
      return [describeDialect(dialect), await scenario(emulator, service)] as const;
    } finally {
      service.destroy();
      await emulator.close();
    }
  });
  return Object.fromEntries(await Promise.all(runs));
}

/** The same expected value for every dialect. */
function everywhere(expected: unknown): Record<string, unknown> {
  return Object.fromEntries(allDialects().map((d) => [describeDialect(d), expected]));
}

const versions = (emulator: Emulator, licenseArn: string) =>
  emulator.store
    .history(licenseArn)
    ?.map((v) => [v.Version, (v.Entitlements as Array<{ MaxCount?: number }>)[0]?.MaxCount]);

/** Someone else deletes the license (at version 3) between plan and apply, through the real SDK. */
async function deleteAsAnotherWriter(emulator: Emulator, licenseArn: string, region: string): Promise<void> {
  const sdk = new LicenseManagerClient({
    region,
    endpoint: emulator.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await sdk.send(new DeleteLicenseCommand({ LicenseArn: licenseArn, SourceVersion: '3' }));
  sdk.destroy();
}

describe('under every dialect (16 combinations)', () => {
  it('lost reply: a write that landed and was retried is reported updated, once', async () => {
    const seen = await underEveryDialect(
      [live(A, 'us-east-1')],
      [{ kind: 'drop-reply', operation: 'CreateLicenseVersion', times: 1 }],
      async (emulator, service) => {
        const applied = await apply(sources(desiredA), service, OPTIONS);
        const again = await plan(sources(desiredA), service, OPTIONS);
        return {
          outcomes: applied.ok ? applied.results.map((r) => [r.outcome, r.newVersion]) : applied.errors,
          versions: versions(emulator, A),
          metadataCleared: emulator.store.get(A)?.LicenseMetadata ?? [],
          replan: again.ok ? again.plan.summary : again.errors,
        };
      },
    );
    expect(seen).toEqual(
      everywhere({
        outcomes: [['updated', '4']],
        versions: [
          ['3', 10],
          ['4', 20],
        ],
        metadataCleared: [],
        replan: { create: 0, update: 0, delete: 0, noop: 1, error: 0 },
      }),
    );
  });

  it("concurrent writer: a conflict, the other writer's version kept, nothing of ours written", async () => {
    const seen = await underEveryDialect(
      [live(A, 'us-east-1'), live(B, 'eu-west-1')],
      [{ kind: 'concurrent-write', licenseArn: A, times: 1 }],
      async (emulator, service) => {
        const applied = await apply(sources(desiredA, desiredB), service, OPTIONS);
        return {
          outcomes: applied.ok ? applied.results.map((r) => [r.outcome, r.error?.code]) : applied.errors,
          a: versions(emulator, A),
          changedBy: emulator.store.get(A)?.LicenseMetadata,
          b: versions(emulator, B),
        };
      },
    );
    expect(seen).toEqual(
      everywhere({
        outcomes: [
          ['conflict', 'CONFLICT'],
          ['updated', undefined],
        ],
        a: [
          ['3', 10],
          ['4', 10],
        ],
        changedBy: [
          { Name: 'Team', Value: 'data' },
          { Name: 'ChangedBy', Value: 'someone-else' },
        ],
        b: [
          ['3', 10],
          ['4', 20],
        ],
      }),
    );
  });

  it('unknown ARN: not found, naming the region asked, and the other licenses still applied', async () => {
    const seen = await underEveryDialect([live(A, 'us-east-1')], [], async (emulator, service) => {
      const applied = await apply(sources(desiredA, document(UNKNOWN, 'us-east-1', 5)), service, OPTIONS);
      if (!applied.ok) return applied.errors;
      const failed = applied.results[1]?.error;
      return {
        outcomes: applied.results.map((r) => [r.outcome, r.error?.code]),
        names: [failed?.message.includes('us-east-1'), failed?.file, failed?.licenseArn === UNKNOWN],
        a: versions(emulator, A),
      };
    });
    expect(seen).toEqual(
      everywhere({
        outcomes: [
          ['updated', undefined],
          ['failed', 'NOT_FOUND'],
        ],
        names: [true, 'licenses/63.json', true],
        a: [
          ['3', 10],
          ['4', 20],
        ],
      }),
    );
  });

  it('throttling storm: every call throttled at first, still one version per license', async () => {
    const seen = await underEveryDialect(
      [live(A, 'us-east-1'), live(B, 'eu-west-1')],
      [{ kind: 'throttle', times: 3 }],
      async (emulator, service) => {
        const applied = await apply(sources(desiredA, desiredB), service, OPTIONS);
        return {
          outcomes: applied.ok ? applied.results.map((r) => r.outcome) : applied.errors,
          a: versions(emulator, A),
          b: versions(emulator, B),
          throttled: emulator.calls.filter((c) => c.errorType === 'RateLimitExceededException').length,
        };
      },
    );
    expect(seen).toEqual(
      everywhere({
        outcomes: ['updated', 'updated'],
        a: [
          ['3', 10],
          ['4', 20],
        ],
        b: [
          ['3', 10],
          ['4', 20],
        ],
        throttled: 3,
      }),
    );
  });

  it('deleted license: refused at plan time, and when deleted between plan and apply', async () => {
    const seen = await underEveryDialect(
      [live(A, 'us-east-1', { Status: 'DELETED' }), live(B, 'eu-west-1')],
      [],
      async (emulator, service) => {
        const planned = await plan(sources(desiredA, desiredB), service, OPTIONS);
        if (!planned.ok) return planned.errors;
        await deleteAsAnotherWriter(emulator, B, 'eu-west-1');
        const applied = await applyPlanned(planned.plan, service, OPTIONS);
        if (!applied.ok) return applied.errors;
        return {
          planned: planned.plan.steps.map((s) => [s.action, s.error?.code]),
          outcomes: applied.results.map((r) => [r.outcome, r.error?.code]),
          b: versions(emulator, B),
        };
      },
    );
    expect(seen).toEqual(
      everywhere({
        planned: [
          ['error', 'DELETED'],
          ['update', undefined],
        ],
        outcomes: [
          ['failed', 'DELETED'],
          ['failed', 'DELETED'],
        ],
        b: [['3', 10]],
      }),
    );
  });

  it('a new grant of a license gone between plan and apply (deleted, or vanished): failed, nothing created', async () => {
    const grant = {
      GrantName: 'acme',
      Principals: ['arn:aws:iam::210987654321:root'],
      AllowedOperations: ['CheckoutLicense'],
    };
    const outcomes = async (vanishes: boolean) =>
      underEveryDialect([live(A, 'us-east-1')], [], async (emulator, service) => {
        const planned = await plan(
          sources({
            ...document(A, 'us-east-1', 10),
            LicenseMetadata: [{ Name: 'Team', Value: 'data' }],
            Grants: [grant],
          }),
          service,
          OPTIONS,
        );
        if (!planned.ok) return planned.errors;
        if (vanishes) emulator.setDeleteDialect('vanishes');
        await deleteAsAnotherWriter(emulator, A, 'us-east-1');
        const applied = await applyPlanned(planned.plan, service, OPTIONS);
        if (!applied.ok) return applied.errors;
        return {
          planned: planned.plan.steps.map((s) => [s.kind ?? 'license', s.action]),
          outcomes: applied.results.map((r) => r.outcome),
          grants: emulator.grants.list().length,
        };
      });
    const expected = everywhere({
      planned: [
        ['license', 'noop'],
        ['grant', 'create'],
      ],
      outcomes: ['unchanged', 'failed'],
      grants: 0,
    });
    expect(await outcomes(false)).toEqual(expected);
    expect(await outcomes(true)).toEqual(expected);
  });
});
