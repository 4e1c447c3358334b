/** Which commit declared each version: the pure matching `history` prints. */
import { describe, expect, it } from 'vitest';
import { compareVersions, createdAt, matchVersions, type ManifestCommit } from '../../src/reconcile/history.js';
import type { LicenseDocument, LiveLicense } from '../../src/reconcile/types.js';
import { sampleDocument } from './sample.js';

const seats = (n: number): LicenseDocument =>
  sampleDocument({ Entitlements: [{ Name: 'seats', MaxCount: n, Unit: 'Count' }] });

/** A version as ListLicenseVersions answers it: server members, numbers as the API writes them. */
function version(v: number, doc: LicenseDocument, createTime: string): LiveLicense {
  return {
    ...doc,
    Version: String(v),
    CreateTime: createTime,
    ProductSKU: 'sku',
    Beneficiary: 'b',
    Entitlements: (doc.Entitlements ?? []).map((e) => ({ ...e, MaxCount: e.MaxCount, Overage: null })),
  };
}

function commit(hash: string, date: string, document?: LicenseDocument): ManifestCommit {
  const c = {
    commit: hash.repeat(40).slice(0, 40),
    author: 'A',
    authorDate: date,
    committerDate: date,
    path: 'l.json',
  };
  return document ? { ...c, document } : c;
}

const A = commit('a', '2026-01-01T10:00:00+00:00', seats(10));
const B = commit('b', '2026-01-02T10:00:00+00:00', seats(20));
/** Reverts to A's content. */
const C = commit('c', '2026-01-03T10:00:00+00:00', seats(10));

const pairs = (matches: ReturnType<typeof matchVersions>) =>
  matches.map((m) => [m.version, m.match, m.commit?.commit[0] ?? null]);

describe('matchVersions', () => {
  it('lists newest first, each version with the newest commit holding its content made before it', () => {
    const versions = [
      version(1, seats(10), '2026-01-01T11:00:00Z'),
      version(10, seats(10), '2026-01-03T11:00:00Z'),
      version(2, seats(20), '2026-01-02T11:00:00Z'),
    ];
    expect(pairs(matchVersions(versions, [C, B, A]))).toEqual([
      ['10', 'content', 'c'],
      ['2', 'content', 'b'],
      ['1', 'content', 'a'],
    ]);
  });

  it('flags a version no commit holds, and a commit that deleted the manifest declares nothing', () => {
    const deleted = commit('d', '2026-01-04T10:00:00+00:00');
    const versions = [version(1, seats(10), '2026-01-01T11:00:00Z'), version(2, seats(99), '2026-01-05T11:00:00Z')];
    expect(pairs(matchVersions(versions, [deleted, A]))).toEqual([
      ['2', 'none', null],
      ['1', 'content', 'a'],
    ]);
  });

  it('compares as the plan does: normalized, and ignored pointers never differ', () => {
    const live = version(3, seats(10), '2026-01-02T00:00:00Z');
    live.Validity = { Begin: '2025-01-01T00:00:00.000Z' };
    expect(pairs(matchVersions([live], [A]))).toEqual([['3', 'content', 'a']]);
    const other = version(4, seats(11), '2026-01-02T00:00:00Z');
    expect(pairs(matchVersions([other], [A]))).toEqual([['4', 'none', null]]);
    expect(pairs(matchVersions([other], [A], { ignore: ['/Entitlements/seats/MaxCount'] }))).toEqual([
      ['4', 'content', 'a'],
    ]);
  });

  it('the tag names the newest version holding the tagged commit, even under a newer one made outside git', () => {
    const versions = [
      version(1, seats(10), '2026-01-01T11:00:00Z'),
      version(2, seats(10), '2026-01-03T11:00:00Z'),
      version(3, seats(77), '2026-01-04T11:00:00Z'),
    ];
    expect(pairs(matchVersions(versions, [C, B, A], { taggedCommit: C.commit }))).toEqual([
      ['3', 'none', null],
      ['2', 'tag', 'c'],
      ['1', 'content', 'a'],
    ]);
    // A tag naming a commit whose manifest no version holds says nothing.
    expect(pairs(matchVersions(versions, [C, B, A], { taggedCommit: B.commit })).map((p) => p[1])).toEqual([
      'none',
      'content',
      'content',
    ]);
  });

  it('when every holding commit is newer than the version (clocks disagree), the oldest of them', () => {
    const early = version(1, seats(10), '2025-12-01T00:00:00Z');
    expect(pairs(matchVersions([early], [C, A]))).toEqual([['1', 'content', 'a']]);
    // The same second counts as before: git dates are whole seconds.
    const same = version(1, seats(20), '2026-01-02T10:00:00.900Z');
    expect(pairs(matchVersions([same], [B]))).toEqual([['1', 'content', 'b']]);
  });
});

describe('compareVersions', () => {
  it('orders whole numbers as numbers', () => {
    expect(['9', '10', '2'].sort(compareVersions)).toEqual(['2', '9', '10']);
  });
});

describe('createdAt', () => {
  it('reads the service epoch seconds and instants alike, nothing else', () => {
    expect(createdAt('1735689600')).toBe('2025-01-01T00:00:00.000Z');
    expect(createdAt('2026-03-02T10:00:00Z')).toBe('2026-03-02T10:00:00.000Z');
    expect(createdAt('soon')).toBeUndefined();
    expect(createdAt(undefined)).toBeUndefined();
  });

  it('lets an epoch-seconds version match the commit made before it', () => {
    const live = { ...version(1, seats(20), ''), CreateTime: String(Date.parse('2026-01-02T11:00:00Z') / 1000) };
    expect(pairs(matchVersions([live], [B]))).toEqual([['1', 'content', 'b']]);
    expect(matchVersions([live], [B])[0]?.createTime).toBe('2026-01-02T11:00:00.000Z');
  });
});
