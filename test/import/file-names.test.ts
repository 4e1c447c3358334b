import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assignFileNames,
  candidateNames,
  licenseId,
  MAX_SLUG_LENGTH,
  preferredName,
  shortId,
  slugify,
} from '../../src/manifests/file-names.js';

const arn = (hex: string) => `arn:aws:license-manager::123456789012:license:l-${hex.padEnd(32, '0')}`;
const A = arn('0a1b2c3d');
const B = arn('1b2c3d4e');
const C = arn('2c3d4e5f');

describe('slugify', () => {
  it.each([
    ['Acme Analytics Pro', 'acme-analytics-pro'],
    ['Acme Analytics Pro (EU)', 'acme-analytics-pro-eu'],
    ['  --Globex   Storage--  ', 'globex-storage'],
    ['Café Crème', 'cafe-creme'],
    ['Größe Æther Łódź', 'grosse-aether-lodz'],
    ['ACME_PRO/v2.1', 'acme-pro-v2-1'],
    ['a & b', 'a-b'],
    ['日本語', ''],
    ['!!!', ''],
    ['', ''],
    ['con', 'con-license'],
    ['LPT1', 'lpt1-license'],
    ['console', 'console'],
  ])('%j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('cuts long names at 60 characters without a trailing dash', () => {
    expect(slugify('x'.repeat(59) + ' tail')).toBe('x'.repeat(59));
    expect(slugify('y'.repeat(200))).toHaveLength(MAX_SLUG_LENGTH);
  });

  it('always gives lowercase a-z0-9 words joined by single dashes, at most 60 long', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (name) => {
        const slug = slugify(name);
        expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/);
        expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH + '-license'.length);
      }),
    );
  });
});

describe('license ids', () => {
  it('takes the id from the end of the ARN', () => {
    expect(licenseId(A)).toBe(`l-0a1b2c3d${'0'.repeat(24)}`);
    expect(shortId(A)).toBe('0a1b2c3d');
    expect(licenseId('arn:aws:license-manager::1:license/l-ABC')).toBe('l-abc');
    expect(licenseId('nonsense:')).toBe('license');
  });

  it('falls back to the license id when the name has nothing to keep', () => {
    expect(preferredName('Acme Pro', A)).toBe('acme-pro.json');
    expect(preferredName('???', A)).toBe(`${licenseId(A)}.json`);
    expect(preferredName(undefined, A)).toBe(`${licenseId(A)}.json`);
  });

  it('tries the slug, then the short id, then the whole id, then numbers', () => {
    const names = candidateNames('Acme Pro', A);
    const first = Array.from({ length: 5 }, () => names.next().value);
    expect(first).toEqual([
      'acme-pro.json',
      'acme-pro-0a1b2c3d.json',
      `acme-pro-${licenseId(A)}.json`,
      `acme-pro-${licenseId(A)}-2.json`,
      `acme-pro-${licenseId(A)}-3.json`,
    ]);
    const byId = candidateNames('', A);
    expect([byId.next().value, byId.next().value]).toEqual([`${licenseId(A)}.json`, `${licenseId(A)}-2.json`]);
  });
});

describe('assignFileNames', () => {
  it('gives the first license by ARN the plain name and the others their short id', () => {
    const names = assignFileNames(
      [
        { licenseArn: C, licenseName: 'Acme Pro' },
        { licenseArn: A, licenseName: 'Acme Pro' },
        { licenseArn: B, licenseName: 'ACME pro!' },
      ],
      [],
    );
    expect(Object.fromEntries(names)).toEqual({
      [A]: 'acme-pro.json',
      [B]: 'acme-pro-1b2c3d4e.json',
      [C]: 'acme-pro-2c3d4e5f.json',
    });
  });

  it('names the same way whatever the listing order', () => {
    const requests = [A, B, C].map((licenseArn) => ({ licenseArn, licenseName: 'Same' }));
    fc.assert(
      fc.property(fc.shuffledSubarray(requests, { minLength: 3, maxLength: 3 }), (shuffled) => {
        expect(assignFileNames(shuffled, ['same.json'])).toEqual(assignFileNames(requests, ['same.json']));
      }),
    );
  });

  it('never takes a name already in the folder, ignoring case', () => {
    const names = assignFileNames(
      [{ licenseArn: A, licenseName: 'Acme Pro' }],
      ['Acme-Pro.JSON', 'acme-pro-0a1b2c3d.json'],
    );
    expect(names.get(A)).toBe(`acme-pro-${licenseId(A)}.json`);
  });

  it('gives every license a distinct name', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{4}$/), { minLength: 1, maxLength: 30 }),
        fc.array(fc.constantFrom('a', 'A', 'a!', '', 'b', 'l-0000'), { minLength: 30, maxLength: 30 }),
        fc.array(fc.constantFrom('a.json', 'b.json', 'A-0000.json', 'l-0000.json'), { maxLength: 4 }),
        (ids, labels, taken) => {
          const requests = ids.map((id, i) => ({ licenseArn: arn(id), licenseName: labels[i] }));
          const names = [...assignFileNames(requests, taken).values()].map((n) => n.toLowerCase());
          expect(names).toHaveLength(ids.length);
          expect(new Set([...names, ...taken.map((t) => t.toLowerCase())]).size).toBe(
            names.length + new Set(taken.map((t) => t.toLowerCase())).size,
          );
        },
      ),
    );
  });
});
