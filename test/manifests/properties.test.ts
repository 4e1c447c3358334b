import { EntitlementUnit, RenewType } from '@aws-sdk/client-license-manager';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/render/escape.js';
import { parseManifest } from '../../src/manifests/parse.js';
import { validateManifests } from '../../src/manifests/validate.js';
import type { LicenseError } from '../../src/reconcile/errors.js';
import { sourceOf, summary, validDocument } from './helpers.js';

const file = 'licenses/fuzz.json';
const MANIFEST_CODES = ['MANIFEST_SYNTAX', 'MANIFEST_SCHEMA', 'MANIFEST_RULE'];

/** Validates one text and checks what must hold for any input; returns the errors. */
function check(text: string): LicenseError[] {
  const { manifests, errors } = validateManifests([{ file, text }]);
  expect(manifests).toHaveLength(errors.length === 0 ? 1 : 0);
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  for (const error of errors) {
    expect(error.file).toBe(file);
    expect(MANIFEST_CODES).toContain(error.code);
    expect(error.fault).toBe('user');
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lines.length);
    expect(error.column).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeLessThanOrEqual((lines[(error.line ?? 1) - 1]?.length ?? 0) + 1);
  }
  return errors;
}

const base = JSON.stringify(validDocument(), null, 2);

/** Paths to every value in the base document. */
function paths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const children = Object.entries(value).flatMap(([k, v]) => paths(v, [...path, Array.isArray(value) ? Number(k) : k]));
  return [path, ...children];
}
const valuePaths = paths(validDocument()).filter((p) => p.length > 0);
const objectPaths = paths(validDocument()).filter((p) => {
  const v = get(validDocument(), p);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
});

function get(doc: unknown, path: (string | number)[]): unknown {
  return path.reduce<any>((node, key) => node?.[key], doc);
}

/** A copy of the base document with the value at `path` replaced. */
function replaced(path: (string | number)[], make: (old: unknown) => unknown): string {
  const doc: any = validDocument();
  const parent = get(doc, path.slice(0, -1)) as any;
  const key = path[path.length - 1]!;
  parent[key] = make(parent[key]);
  return JSON.stringify(doc, null, 2);
}

/** A value whose JSON type differs from `old`'s. */
function otherType(old: unknown, pick: number): unknown {
  const candidates = ['text', 42, true, null, [], {}].filter(
    (c) => kind(c) !== kind(old) && !(kind(old) === 'number' && typeof c === 'number'),
  );
  return candidates[pick % candidates.length];
}
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

describe('validateManifests never throws and always explains a rejection', () => {
  it('on arbitrary strings', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({
        unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'u', '1', 'e', '-', ' ', '\n', '\ufeff'),
      }),
    );
    fc.assert(
      fc.property(text, (t) => void check(t)),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.json(), (t) => {
        expect(check(t).length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('on truncated documents', () => {
    fc.assert(
      fc.property(fc.nat(base.length - 1), (n) => {
        expect(check(base.slice(0, n)).length).toBeGreaterThan(0);
      }),
    );
  });

  it('on BOM-prefixed documents', () => {
    fc.assert(
      fc.property(fc.constantFrom(base, base.replace(/\n/g, '\r\n')), (t) => {
        const errors = check(`\ufeff${t}`);
        expect(summary(errors)).toEqual([
          '1:1 MANIFEST_SYNTAX the file starts with a byte order mark (BOM); save it as UTF-8 without BOM',
        ]);
      }),
    );
  });

  it('on values of the wrong type', () => {
    fc.assert(
      fc.property(fc.constantFrom(...valuePaths), fc.nat(), (path, pick) => {
        expect(check(replaced(path, (old) => otherType(old, pick))).length).toBeGreaterThan(0);
      }),
    );
  });

  it('on huge numbers', () => {
    const huge = fc.oneof(
      fc.bigInt({ min: 2n ** 53n, max: 10n ** 400n }),
      fc.bigInt({ min: -(10n ** 30n), max: -(2n ** 53n) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...valuePaths), huge, (path, n) => {
        const marker = '"__huge__"';
        const text = replaced(path, () => '__huge__').replace(marker, String(n));
        expect(
          check(text)
            .map((e) => e.message)
            .join('\n'),
        ).toContain('is too large');
      }),
    );
  });

  it('on deep nesting', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...valuePaths),
        fc.integer({ min: 65, max: 5000 }),
        fc.boolean(),
        (path, depth, close) => {
          const marker = '"__deep__"';
          const nested = close ? `${'['.repeat(depth)}${']'.repeat(depth)}` : '['.repeat(depth);
          const errors = check(replaced(path, () => '__deep__').replace(marker, nested));
          expect(errors.map((e) => e.message).join('\n')).toContain('deeper than 64 levels');
        },
      ),
      { numRuns: 50 },
    );
  });

  it('on unknown keys', () => {
    fc.assert(
      fc.property(fc.constantFrom(...objectPaths, []), fc.string(), (path, suffix) => {
        const doc: any = validDocument();
        (get(doc, path) as any)[`x-${suffix}`] = 1;
        expect(
          check(JSON.stringify(doc, null, 2))
            .map((e) => e.message)
            .join('\n'),
        ).toContain(`unknown member ${escapeText(JSON.stringify(`x-${suffix}`))}`);
      }),
    );
  });

  it('on odd Unicode in names and values, which is accepted', () => {
    const odd = fc.string({
      unit: fc.oneof(
        fc.constantFrom('\u0000', '\u2028', '\u202e', '\ud800', '\udfff', '\ufeff', '"', '\\', '/'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      minLength: 1,
    });
    fc.assert(
      fc.property(odd, odd, (name, value) => {
        const doc: any = validDocument();
        doc.LicenseName = name;
        doc.LicenseMetadata[0].Value = value;
        expect(summary(check(JSON.stringify(doc, null, 2)))).toEqual([]);
      }),
    );
  });
});

describe('the quick and the careful parse agree', () => {
  it('on any JSON object: same value, and the same errors beyond the BOM', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (value) => {
        const text = JSON.stringify(value, null, 1);
        const quick = parseManifest({ file, text });
        const careful = parseManifest({ file, text: `\ufeff${text}` });
        expect(careful.value).toEqual(quick.value);
        expect(summary(careful.errors.slice(1))).toEqual(summary(quick.errors));
      }),
      { numRuns: 300 },
    );
  });

  it('on text with repeated keys (however spelled), escaped quotes and numbers of any precision', () => {
    // JSON text written by hand: keys may repeat, "\u0061" is "a", strings hold escaped quotes and backslashes.
    const key = fc.constantFrom('"a"', '"\\u0061"', '"b"', '"q\\""', '"q\\\\"', '"\\\\"', '":"');
    const scalar = fc.constantFrom(
      '1',
      '-0',
      '1.5',
      '2e3',
      '1.0000000000000000001',
      '9007199254740991',
      '9007199254740993',
      '1e400',
      '"x\\"y"',
      '"\\\\"',
      '"{\\"a\\": 1, \\"a\\": 2}"',
      'true',
      'null',
    );
    const { node } = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        scalar,
        fc.array(tie('node'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
        fc
          .array(fc.tuple(key, tie('node')), { maxLength: 4 })
          .map((members) => `{${members.map(([k, v]) => `${k}: ${v}`).join(', ')}}`),
      ),
    }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, node), { maxLength: 4 }), (members) => {
        const text = `{${members.map(([k, v]) => `${k}: ${v}`).join(', ')}}`;
        const quick = parseManifest({ file, text });
        const careful = parseManifest({ file, text: `\ufeff${text}` });
        expect(summary(quick.errors)).toEqual(summary(careful.errors.slice(1)));
      }),
      { numRuns: 500 },
    );
  });

  it('on a duplicated key anywhere', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }), fc.jsonValue(), (value, again) => {
        const key = Object.keys(value)[0]!;
        const text = `{${JSON.stringify(key)}: ${JSON.stringify(again)}, ${JSON.stringify(value).slice(1)}`;
        const messages = parseManifest({ file, text }).errors.map((e) => e.message);
        expect(messages).toContain(`duplicate member ${JSON.stringify(key)} (first at 1:2)`);
      }),
    );
  });
});

describe('generated valid manifests', () => {
  const name = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
  const hex = (length: number) =>
    fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length });
  const arn = fc
    .tuple(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }), hex(32))
    .map(([account, id]) => `arn:aws:license-manager::${account}:license:l-${id}`);
  const units = Object.values(EntitlementUnit) as string[];
  const entitlement = fc
    .record({
      Name: name,
      Unit: fc.constantFrom(...units),
      amount: fc.nat(),
      Overage: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(({ amount, Unit, Overage, ...rest }) => ({
      ...rest,
      Unit,
      ...(Unit === 'None' ? { Value: `v${amount}` } : { MaxCount: amount }),
      ...(Overage === undefined ? {} : { Overage }),
    }));
  const minutes = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  const instant = fc.date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2999-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  const manifest = fc.record({
    LicenseArn: arn,
    LicenseName: name,
    ProductName: name,
    Issuer: fc.record({ Name: name }),
    HomeRegion: fc.constantFrom('us-east-1', 'eu-central-1', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1'),
    Validity: fc
      .tuple(instant, fc.integer({ min: 1, max: 10 ** 9 }))
      .map(([begin, ms]) => ({ Begin: begin.toISOString(), End: new Date(begin.getTime() + ms).toISOString() })),
    LicenseMetadata: fc.uniqueArray(fc.record({ Name: name, Value: name }), { selector: (m) => m.Name, maxLength: 4 }),
    Entitlements: fc.uniqueArray(entitlement, { selector: (e) => e.Name, minLength: 1, maxLength: 5 }),
    ConsumptionConfiguration: fc.record(
      {
        RenewType: fc.constantFrom(...(Object.values(RenewType) as string[])),
        ProvisionalConfiguration: fc.record({ MaxTimeToLiveInMinutes: minutes }),
        BorrowConfiguration: fc.record({ AllowEarlyCheckIn: fc.boolean(), MaxTimeToLiveInMinutes: minutes }),
      },
      { requiredKeys: [] },
    ),
    Status: fc.constantFrom('AVAILABLE', 'DEACTIVATED'),
  });

  it('are accepted as they are, whatever their layout', () => {
    fc.assert(
      fc.property(manifest, fc.constantFrom(0, 2, '\t'), (doc, indent) => {
        const { manifests, errors } = validateManifests([{ file, text: JSON.stringify(doc, null, indent) }]);
        expect(summary(errors)).toEqual([]);
        expect(manifests[0]?.document).toEqual(doc);
      }),
    );
  });

  it('each keep their own errors when validated together', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(manifest, { selector: (m) => m.LicenseArn, minLength: 2, maxLength: 6 }),
        fc.nat(),
        (docs, pick) => {
          const broken = pick % docs.length;
          const sources = docs.map((doc, i) =>
            sourceOf(i === broken ? { ...doc, Status: 'ACTIVE' } : doc, `m/${String(i).padStart(2, '0')}.json`),
          );
          const { manifests, errors } = validateManifests(sources);
          expect(manifests).toHaveLength(docs.length - 1);
          expect(new Set(errors.map((e) => e.file))).toEqual(new Set([`m/${String(broken).padStart(2, '0')}.json`]));
        },
      ),
    );
  });
});
