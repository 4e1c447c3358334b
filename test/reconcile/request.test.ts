/**
 * plannedWrite: the one function behind both the request apply sends and the
 * patch plan shows. Ignored means untouched: the content sent carries the live
 * value at each ignored pointer, and the patch is exactly live → sent.
 */
import fc from 'fast-check';
import jsonpatch from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { diff, parsePointer } from '../../src/reconcile/diff.js';
import { normalize } from '../../src/reconcile/normalize.js';
import { planLicense } from '../../src/reconcile/plan.js';
import { plannedWrite, versionRequest } from '../../src/reconcile/request.js';
import { isRecord } from '../../src/reconcile/json-values.js';
import type { Comparable, LicenseDocument, LiveLicense } from '../../src/reconcile/types.js';
import { asJson, deepFreeze } from './arbitraries.js';
import { ignoreArb, manifestAndLiveArb } from './ignore-arbitraries.js';
import { sampleDocument } from './sample.js';

const manifest = sampleDocument({
  LicenseMetadata: [{ Name: 'Customer', Value: 'Acme' }],
  Entitlements: [{ Name: 'seats', MaxCount: 250, Unit: 'Count', Overage: true }],
});

const live: LiveLicense = {
  ...sampleDocument({
    LicenseMetadata: [
      { Name: 'LastAudit', Value: '2026-10-01' },
      { Name: 'Customer', Value: 'Acme' },
    ],
    Entitlements: [{ Name: 'seats', MaxCount: 100, Unit: 'Count' }],
  }),
  Version: '3',
};

describe('plannedWrite', () => {
  it('sends the live value at an ignored pointer and shows only the other change', () => {
    const write = plannedWrite(deepFreeze(live), deepFreeze(manifest), [
      '/LicenseMetadata/LastAudit',
      '/Entitlements/*/Overage',
    ]);
    expect(write.patch).toStrictEqual([{ op: 'replace', path: '/Entitlements/seats/MaxCount', value: 250 }]);
    expect(write.desired.LicenseMetadata).toStrictEqual([
      { Name: 'Customer', Value: 'Acme' },
      { Name: 'LastAudit', Value: '2026-10-01' },
    ]);
    expect(write.desired.Entitlements).toStrictEqual([
      { Name: 'seats', AllowCheckIn: false, MaxCount: 250, Overage: false, Unit: 'Count' },
    ]);
    expect(write.desired.LicenseArn).toBe(manifest.LicenseArn);
  });

  it('leaves an ignored member absent when it is absent live, whatever the manifest says', () => {
    const withAudit = {
      ...manifest,
      LicenseMetadata: [...manifest.LicenseMetadata!, { Name: 'LastAudit', Value: 'x' }],
    };
    const liveWithout = { ...live, LicenseMetadata: [{ Name: 'Customer', Value: 'Acme' }] };
    const write = plannedWrite(liveWithout, withAudit, ['/LicenseMetadata/LastAudit']);
    expect(write.desired.LicenseMetadata).toStrictEqual([{ Name: 'Customer', Value: 'Acme' }]);
    expect(write.patch.map((op) => op.path)).toStrictEqual([
      '/Entitlements/seats/Overage',
      '/Entitlements/seats/MaxCount',
    ]);
  });

  it('sends the manifest as written when no ignored value differs', () => {
    const write = plannedWrite(live, manifest, ['/Nothing/here']);
    expect(write.desired).toBe(manifest);
    expect(write.patch).toStrictEqual(diff(normalize(live), normalize(manifest)));
  });

  it('drops a container the manifest drops, ignored member and all, and the patch shows it', () => {
    const without = { ...manifest, Entitlements: [] };
    const write = plannedWrite(live, without, ['/Entitlements/seats/MaxCount']);
    expect(write.desired.Entitlements).toStrictEqual([]);
    expect(write.patch).toContainEqual({ op: 'remove', path: '/Entitlements/seats' });
  });

  it('the whole document ignored sends live as it is: nothing to do', () => {
    expect(plannedWrite(live, manifest, ['']).patch).toStrictEqual([]);
  });

  it('planLicense and versionRequest send exactly what plannedWrite built', () => {
    const ignore = ['/LicenseMetadata/LastAudit'];
    const step = planLicense(
      { manifest: { file: 'a.json', document: manifest }, read: { ok: true, license: live } },
      { ignore },
    );
    const write = plannedWrite(live, manifest, ignore);
    expect(step.patch).toStrictEqual(write.patch);
    const request = versionRequest(step);
    expect(request).toMatchObject({ ...write.desired, SourceVersion: '3' });
    expect(request.LicenseMetadata).toContainEqual({ Name: 'LastAudit', Value: '2026-10-01' });
  });

  it('per-file rules (ignoreFor) add to the global ones', () => {
    const pairing = {
      manifest: { file: 'licenses/eu/a.json', document: manifest },
      read: { ok: true as const, license: live },
    };
    const step = planLicense(pairing, {
      ignoreFor: (file) => (file.startsWith('licenses/eu/') ? ['/LicenseMetadata/LastAudit'] : []),
    });
    expect(step.desired.LicenseMetadata).toContainEqual({ Name: 'LastAudit', Value: '2026-10-01' });
  });
});

describe('plannedWrite properties', () => {
  const cases = manifestAndLiveArb.chain(([m, l]) => fc.tuple(fc.constant(m), fc.constant(l), ignoreArb(m, l)));

  it("what is sent, normalized, is live with exactly the plan's patch applied", () => {
    fc.assert(
      fc.property(cases, ([m, l, ignore]) => {
        const write = plannedWrite(deepFreeze(l), deepFreeze(m), ignore);
        const patched = jsonpatch.applyPatch(structuredClone(write.observed), write.patch, true, false).newDocument;
        expect(normalize(write.desired)).toStrictEqual(asJson(patched));
      }),
    );
  });

  it('what is sent is the manifest outside the ignored pointers, and live at each of them', () => {
    fc.assert(
      fc.property(cases, ([m, l, ignore]) => {
        const { desired, observed } = plannedWrite(l, m, ignore);
        const sent = normalize(desired);
        // Outside the ignored pointers, nothing differs from the manifest.
        expect(diff(sent, normalize(m), ignore)).toStrictEqual([]);
        // At each ignored pointer whose container is both live and sent, the value is live's (absent
        // where live has none). Where live has no container, the member is absent from what is sent
        // (normalized, that may read as the API's default, e.g. false).
        for (const path of concretePaths(ignore, observed, normalize(m))) {
          if (!containerExists(sent, path) || !containerExists(observed, path)) continue;
          expect(valueAt(sent, path)).toStrictEqual(valueAt(observed, path));
        }
      }),
    );
  });

  it('the plan shows exactly what apply sends: the patch is live → the request, nothing more or less', () => {
    fc.assert(
      fc.property(cases, ([m, l, ignore]) => {
        const step = planLicense(
          { manifest: { file: 'a.json', document: m }, read: { ok: true, license: l } },
          { ignore },
        );
        const content = (request: ReturnType<typeof versionRequest>) => {
          const { SourceVersion: _pin, ClientToken: _token, ...rest } = request;
          return rest;
        };
        const sent = step.action === 'update' ? normalize(content(versionRequest(step))) : normalize(l);
        expect(jsonpatch.compare(normalize(l), sent)).toStrictEqual(step.patch);
      }),
    );
  });

  it('a request is a valid CreateLicenseVersion body: the manifest ARN and every list with Names', () => {
    fc.assert(
      fc.property(cases, ([m, l, ignore]) => {
        const { desired } = plannedWrite(l, m, ignore);
        expect(desired.LicenseArn).toBe(m.LicenseArn);
        for (const list of [desired.Entitlements, desired.LicenseMetadata ?? []]) {
          if (Array.isArray(list)) for (const item of list) expect(typeof item.Name).toBe('string');
        }
      }),
    );
  });
});

/** The concrete paths (segment lists) the pointers name in either document, wildcards expanded. */
function concretePaths(ignore: string[], a: Comparable, b: Comparable): string[][] {
  return ignore.flatMap((pointer) => expand(parsePointer(pointer) ?? [], [a, b], []));
}

function expand(segments: string[], docs: unknown[], prefix: string[]): string[][] {
  const [head, ...rest] = segments;
  if (head === undefined) return [prefix];
  const keys = head === '*' ? [...new Set(docs.flatMap((d) => (isRecord(d) ? Object.keys(d) : [])))] : [head];
  return keys.flatMap((key) =>
    expand(
      rest,
      docs.map((d) => (isRecord(d) && Object.hasOwn(d, key) ? d[key] : undefined)),
      [...prefix, key],
    ),
  );
}

function valueAt(doc: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (isRecord(node) && Object.hasOwn(node, key) ? node[key] : undefined), doc);
}

function containerExists(doc: unknown, path: string[]): boolean {
  return path.length === 0 || isRecord(valueAt(doc, path.slice(0, -1)));
}

/** Unused in assertions; keeps the document type in view for readers. */
export type { LicenseDocument };
