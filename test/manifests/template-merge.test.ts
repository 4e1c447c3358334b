/** Template merging: RFC 7386 with keyed lists, `$remove`, and the diff that undoes it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffFromTemplate, mergeTemplate } from '../../src/manifests/template-merge.js';

const template = {
  Issuer: { Name: 'Acme', SignKey: 'k' },
  ProductName: 'Analytics Pro',
  Entitlements: [
    { Name: 'seats', Unit: 'Count', MaxCount: 10 },
    { Name: 'cores', Unit: 'Count', MaxCount: 4, Overage: true },
  ],
  LicenseMetadata: [{ Name: 'tier', Value: 'pro' }],
  Grants: [{ GrantName: 'g', AllowedOperations: ['CheckoutLicense'], Tags: [{ Key: 'a', Value: '1' }] }],
};

describe('mergeTemplate', () => {
  it('merges objects, replaces scalars and plain lists, and null deletes (RFC 7386)', () => {
    const merged = mergeTemplate(template, {
      Issuer: { SignKey: null },
      ProductName: 'Analytics Pro EU',
      Beneficiary: 'b',
      Grants: [{ GrantName: 'g', AllowedOperations: ['ListPurchasedLicenses'] }],
    });
    expect(merged).toMatchObject({
      Issuer: { Name: 'Acme' },
      ProductName: 'Analytics Pro EU',
      Beneficiary: 'b',
      Grants: [{ GrantName: 'g', AllowedOperations: ['ListPurchasedLicenses'], Tags: [{ Key: 'a', Value: '1' }] }],
    });
    expect((merged as { Issuer: object }).Issuer).not.toHaveProperty('SignKey');
  });

  it('merges keyed lists item by item: template items first, new items appended, $remove drops one', () => {
    const merged = mergeTemplate(template, {
      Entitlements: [
        { Name: 'extra', Unit: 'Count', MaxCount: 1 },
        { Name: 'seats', MaxCount: 250 },
        { Name: 'cores', $remove: true },
      ],
      Grants: [{ GrantName: 'g', Tags: [{ Key: 'b', Value: '2' }] }],
    }) as typeof template;
    expect(merged.Entitlements).toEqual([
      { Name: 'seats', Unit: 'Count', MaxCount: 250 },
      { Name: 'extra', Unit: 'Count', MaxCount: 1 },
    ]);
    expect(merged.Grants[0]!.Tags).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
    expect(merged.LicenseMetadata).toEqual(template.LicenseMetadata);
  });

  it('never mutates its inputs', () => {
    const before = structuredClone(template);
    const patch = { Entitlements: [{ Name: 'seats', MaxCount: 1 }], Issuer: { Name: null } };
    const patchBefore = structuredClone(patch);
    mergeTemplate(template, patch);
    expect(template).toEqual(before);
    expect(patch).toEqual(patchBefore);
  });

  it('keeps a __proto__ member as data', () => {
    const merged = mergeTemplate({}, JSON.parse('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(merged, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('diffFromTemplate', () => {
  it('leaves out what equals the template, item by item', () => {
    const license = {
      ...structuredClone(template),
      Beneficiary: 'b',
      Entitlements: [template.Entitlements[0]!, { Name: 'cores', Unit: 'Count', MaxCount: 8, Overage: true }],
    };
    expect(diffFromTemplate(template, license)).toEqual({
      Beneficiary: 'b',
      Entitlements: [{ Name: 'cores', MaxCount: 8 }],
    });
  });

  // A license: null-free JSON with keyed lists of unique keys, built from a few names so the two sides overlap.
  const name = fc.constantFrom('a', 'b', 'c', 'd', 'e');
  const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.constantFrom('x', 'y', ''));
  const plain = fc.dictionary(fc.constantFrom('Unit', 'Value', 'MaxCount', 'Overage'), scalar, { maxKeys: 3 });
  const keyed = (key: string, extra?: fc.Arbitrary<Record<string, unknown>>) =>
    fc
      .uniqueArray(fc.tuple(name, extra ?? plain), { selector: ([n]) => n, maxLength: 4 })
      .map((items) => items.map(([n, rest]) => ({ ...rest, [key]: n })));
  const tags = keyed('Key', fc.record({ Value: fc.constantFrom('1', '2') }));
  const grant = fc.record(
    {
      AllowedOperations: fc.array(fc.constantFrom('CheckoutLicense', 'ListPurchasedLicenses'), { maxLength: 2 }),
      Tags: tags,
    },
    { requiredKeys: [] },
  );
  const license = fc.record(
    {
      ProductName: fc.constantFrom('P', 'Q'),
      Issuer: fc.record(
        { Name: fc.constantFrom('Acme', 'Beta'), SignKey: fc.constant('k') },
        { requiredKeys: ['Name'] },
      ),
      Entitlements: keyed('Name'),
      LicenseMetadata: keyed('Name', fc.record({ Value: fc.constantFrom('1', '2') })),
      Grants: keyed('GrantName', grant),
      Tags: tags,
      Extra: fc.oneof(scalar, fc.array(scalar, { maxLength: 2 }), plain),
    },
    { requiredKeys: [] },
  );

  it('merging the template with the diff of a license against it gives back the license', () => {
    fc.assert(
      fc.property(license, license, (t, l) => {
        expect(mergeTemplate(t, diffFromTemplate(t, l))).toEqual(l);
      }),
      { numRuns: 500 },
    );
  });

  it('the diff of a license against itself is empty', () => {
    fc.assert(
      fc.property(license, (l) => {
        expect(diffFromTemplate(l, l)).toEqual({});
      }),
    );
  });
});
