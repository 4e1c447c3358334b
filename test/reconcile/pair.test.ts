import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import { pair } from '../../src/reconcile/pair.js';
import type { LicenseDocument, LiveRead, Manifest } from '../../src/reconcile/types.js';
import { deepFreeze } from './arbitraries.js';

const manifest = (arn: string, file: string): Manifest => ({
  file,
  document: { LicenseArn: arn } as LicenseDocument,
});

describe('pair', () => {
  const a = manifest('arn:a', 'a.json');
  const b = manifest('arn:b', 'b.json');
  const c = manifest('arn:c', 'c.json');
  const readA: LiveRead = { ok: true, license: { LicenseArn: 'arn:a', Version: '1' } };
  const readB: LiveRead = { ok: false, error: licenseError('NOT_FOUND', 'no such license') };
  const reads = new Map<string, LiveRead>([
    ['arn:b', readB],
    ['arn:a', readA],
    ['arn:orphan', { ok: true, license: { LicenseArn: 'arn:orphan' } }],
  ]);

  it('pairs each manifest with the read of its ARN, in manifest order', () => {
    expect(pair(deepFreeze([b, c, a]), reads)).toStrictEqual([
      { manifest: b, read: readB },
      { manifest: c, read: undefined },
      { manifest: a, read: readA },
    ]);
  });

  it('leaves out live licenses that no manifest names', () => {
    const pairings = pair([a], reads);
    expect(pairings.map((p) => p.manifest.document.LicenseArn)).toStrictEqual(['arn:a']);
  });

  it('keeps the objects it was given', () => {
    const [first] = pair([a], reads);
    expect(first?.manifest).toBe(a);
    expect(first?.read).toBe(readA);
  });
});
