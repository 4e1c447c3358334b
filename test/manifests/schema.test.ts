import { readFileSync } from 'node:fs';
import { EntitlementUnit, LicenseStatus, RenewType } from '@aws-sdk/client-license-manager';
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../../src/manifests/validate.js';
import type { ErrorCode } from '../../src/reconcile/errors.js';
import { sourceOf, summary, textAt, validDocument } from './helpers.js';

// Tests poke at arbitrary depths of documents and of the schema.
type Doc = Record<string, any>;

interface Case {
  name: string;
  mutate: (doc: Doc) => void;
  code: ErrorCode;
  fragment: string;
  line: number;
  column: number;
  /** What the text at line:column starts with. */
  at: string;
  /** The total number of errors, where it matters (e.g. one message, not one per keyword). */
  count?: number;
}

// Positions refer to validDocument() printed with two-space indentation (see helpers.ts).
const cases: Case[] = [
  {
    name: 'unknown top-level member',
    mutate: (d) => (d.Foo = 1),
    code: 'MANIFEST_SCHEMA',
    fragment: 'unknown member "Foo" (allowed: $schema, $template, allowBelowUsage, LicenseArn, LicenseName',
    line: 46,
    column: 3,
    at: '"Foo"',
    count: 1,
  },
  {
    name: 'unknown member named like a property every object has',
    mutate: (d) => void Object.assign(d, { toString: 'x' }),
    code: 'MANIFEST_SCHEMA',
    fragment: 'unknown member "toString" (allowed: $schema, $template, allowBelowUsage, LicenseArn, LicenseName',
    line: 46,
    column: 3,
    at: '"toString"',
    count: 1,
  },
  {
    name: 'member in the wrong case',
    mutate: (d) => (d.status = 'AVAILABLE'),
    code: 'MANIFEST_SCHEMA',
    fragment: 'unknown member "status"; did you mean Status?',
    line: 46,
    column: 3,
    at: '"status"',
  },
  {
    name: 'unknown nested member',
    mutate: (d) => (d.Entitlements[1].Foo = true),
    code: 'MANIFEST_SCHEMA',
    fragment:
      '/Entitlements/DataIngest: unknown member "Foo" (allowed: Name, Value, MaxCount, Overage, Unit, AllowCheckIn)',
    line: 37,
    column: 7,
    at: '"Foo"',
  },
  {
    name: 'missing top-level member',
    mutate: (d) => delete d.ProductName,
    code: 'MANIFEST_SCHEMA',
    fragment: 'missing required member "ProductName"',
    line: 1,
    column: 1,
    at: '{',
    count: 1,
  },
  {
    name: 'missing Issuer.Name',
    mutate: (d) => (d.Issuer = { SignKey: 'k' }),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Issuer: missing required member "Name"',
    line: 5,
    column: 13,
    at: '{',
  },
  {
    name: 'missing entitlement Unit',
    mutate: (d) => delete d.Entitlements[1].Unit,
    code: 'MANIFEST_SCHEMA',
    fragment: '/Entitlements/DataIngest: missing required member "Unit"',
    line: 32,
    column: 5,
    at: '{',
  },
  {
    name: 'missing metadata Value',
    mutate: (d) => delete d.LicenseMetadata[0].Value,
    code: 'MANIFEST_SCHEMA',
    fragment: '/LicenseMetadata/ContractId: missing required member "Value"',
    line: 15,
    column: 5,
    at: '{',
  },
  {
    name: 'missing borrow member',
    mutate: (d) => (d.ConsumptionConfiguration.ProvisionalConfiguration = {}),
    code: 'MANIFEST_SCHEMA',
    fragment: '/ConsumptionConfiguration/ProvisionalConfiguration: missing required member "MaxTimeToLiveInMinutes"',
    line: 41,
    column: 33,
    at: '{}',
  },
  {
    name: 'unknown Status',
    mutate: (d) => (d.Status = 'ACTIVE'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Status must be one of AVAILABLE, DEACTIVATED (got "ACTIVE")',
    line: 45,
    column: 13,
    at: '"ACTIVE"',
  },
  {
    name: 'Status of the wrong type',
    mutate: (d) => (d.Status = 5),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Status must be one of AVAILABLE',
    line: 45,
    column: 13,
    at: '5',
    count: 1,
  },
  {
    name: 'Status an object with a member named toString (no String() of hostile values)',
    mutate: (d) => (d.Status = { toString: 1 }),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Status must be one of AVAILABLE, DEACTIVATED (got an object)',
    line: 45,
    column: 13,
    at: '{',
  },
  {
    name: 'unknown Unit',
    mutate: (d) => (d.Entitlements[0].Unit = 'Cores'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Entitlements/vCPU/Unit must be one of Count, None, Seconds',
    line: 29,
    column: 15,
    at: '"Cores"',
  },
  {
    name: 'unknown RenewType',
    mutate: (d) => (d.ConsumptionConfiguration.RenewType = 'Yearly'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/ConsumptionConfiguration/RenewType must be one of None, Weekly, Monthly (got "Yearly")',
    line: 40,
    column: 18,
    at: '"Yearly"',
  },
  {
    name: 'negative MaxCount',
    mutate: (d) => (d.Entitlements[0].MaxCount = -1),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Entitlements/vCPU/MaxCount must be an integer >= 0 (got -1)',
    line: 27,
    column: 19,
    at: '-1',
  },
  {
    name: 'fractional MaxCount',
    mutate: (d) => (d.Entitlements[0].MaxCount = 2.5),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Entitlements/vCPU/MaxCount must be an integer >= 0 (got 2.5)',
    line: 27,
    column: 19,
    at: '2.5',
  },
  {
    name: 'MaxCount as a string',
    mutate: (d) => (d.Entitlements[0].MaxCount = '5'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Entitlements/vCPU/MaxCount must be an integer >= 0 (got "5")',
    line: 27,
    column: 19,
    at: '"5"',
  },
  {
    name: 'minutes past 32 bits',
    mutate: (d) => (d.ConsumptionConfiguration.ProvisionalConfiguration.MaxTimeToLiveInMinutes = 2 ** 31),
    code: 'MANIFEST_SCHEMA',
    fragment: 'MaxTimeToLiveInMinutes must be an integer from 0 to 2147483647 (got 2147483648)',
    line: 42,
    column: 33,
    at: '2147483648',
  },
  {
    name: 'Overage not a boolean',
    mutate: (d) => (d.Entitlements[1].Overage = 'yes'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Entitlements/DataIngest/Overage must be true or false (got "yes")',
    line: 35,
    column: 18,
    at: '"yes"',
  },
  {
    name: 'empty LicenseName',
    mutate: (d) => (d.LicenseName = ''),
    code: 'MANIFEST_SCHEMA',
    fragment: '/LicenseName must not be empty',
    line: 3,
    column: 18,
    at: '""',
  },
  {
    name: 'Issuer not an object',
    mutate: (d) => (d.Issuer = 'Acme'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Issuer must be an object {...} (got "Acme")',
    line: 5,
    column: 13,
    at: '"Acme"',
  },
  {
    name: 'Entitlements not an array',
    mutate: (d) => (d.Entitlements = {}),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Entitlements must be an array [...] (got an object)',
    line: 24,
    column: 19,
    at: '{}',
  },
  {
    name: '$schema not a string',
    mutate: (d) => (d.$schema = 5),
    code: 'MANIFEST_SCHEMA',
    fragment: '/$schema must be a string (got 5)',
    line: 46,
    column: 14,
    at: '5',
  },
  {
    name: 'date without time',
    mutate: (d) => (d.Validity.Begin = '2025-01-01'),
    code: 'MANIFEST_SCHEMA',
    fragment:
      '/Validity/Begin must be a valid ISO 8601 date-time with a time zone, such as 2024-01-01T00:00:00Z (got "2025-01-01")',
    line: 11,
    column: 14,
    at: '"2025-01-01"',
    count: 1,
  },
  {
    name: 'date without time zone',
    mutate: (d) => (d.Validity.End = '2026-01-01T00:00:00'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Validity/End must be a valid ISO 8601 date-time',
    line: 12,
    column: 12,
    at: '"2026',
    count: 1,
  },
  {
    name: 'impossible day (format catches what the pattern allows)',
    mutate: (d) => (d.Validity.Begin = '2025-02-30T00:00:00Z'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Validity/Begin must be a valid ISO 8601 date-time',
    line: 11,
    column: 14,
    at: '"2025-02-30',
    count: 1,
  },
  {
    name: 'lower-case zone (pattern catches what the format allows)',
    mutate: (d) => (d.Validity.End = '2026-01-01T00:00:00z'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/Validity/End must be a valid ISO 8601 date-time',
    line: 12,
    column: 12,
    at: '"2026',
    count: 1,
  },
  {
    name: 'not an ARN',
    mutate: (d) => (d.LicenseArn = 'l-0a1b2c3d'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/LicenseArn must be a valid license ARN, such as arn:aws:license-manager::',
    line: 2,
    column: 17,
    at: '"l-0a1b',
  },
  ...[
    ['a partition ending in a dash', 'arn:aws-foo-bar-:license-manager::123456789012:license:l-1'],
    ['another service', 'arn:aws:s3:::123456789012:license:l-1'],
    ['another resource type', 'arn:aws:license-manager::123456789012:grant:g-1'],
    ['an account that is not 12 digits', 'arn:aws:license-manager::1234:license:l-1'],
    ['a license id that is not l-hex', 'arn:aws:license-manager::123456789012:license:x-1'],
  ].map(([name, arn]) => ({
    name: `ARN: ${name}`,
    mutate: (d: Doc) => (d.LicenseArn = arn),
    code: 'MANIFEST_SCHEMA' as const,
    fragment: '/LicenseArn must be a valid license ARN, such as arn:aws:license-manager::',
    line: 2,
    column: 17,
    at: '"arn:',
  })),
  {
    name: 'ARN too long',
    mutate: (d) => (d.LicenseArn = `arn:aws:license-manager::1:license:${'x'.repeat(2048)}`),
    code: 'MANIFEST_SCHEMA',
    fragment: '/LicenseArn must be at most 2048 characters (got 2083)',
    line: 2,
    column: 17,
    at: '"arn:',
  },
  {
    name: 'region with spaces',
    mutate: (d) => (d.HomeRegion = 'US East'),
    code: 'MANIFEST_SCHEMA',
    fragment: '/HomeRegion must be a valid Region name, such as us-east-1 (got "US East")',
    line: 9,
    column: 17,
    at: '"US East"',
  },
];

describe('schema rejections', () => {
  it.each(cases)('$name', ({ mutate, code, fragment, line, column, at, count }) => {
    const doc = validDocument();
    mutate(doc);
    const source = sourceOf(doc);
    const { manifests, errors } = validateManifests([source]);
    expect(manifests).toEqual([]);
    const error = errors.find((e) => e.message.includes(fragment));
    expect(error, summary(errors).join('\n')).toBeDefined();
    expect(error).toMatchObject({ code, line, column, file: source.file });
    expect(textAt(source.text, error!).startsWith(at)).toBe(true);
    if (count !== undefined) expect(summary(errors)).toHaveLength(count);
  });
});

describe('schema acceptance', () => {
  const accepted: { name: string; mutate: (doc: Doc) => void }[] = [
    { name: 'the base document', mutate: () => {} },
    { name: 'a $schema key', mutate: (d) => (d.$schema = 'https://license-gitops.dev/schemas/license.schema.json') },
    {
      name: 'no optional members',
      mutate: (d) => {
        delete d.LicenseMetadata;
        delete d.Issuer.SignKey;
        delete d.Validity.End;
        d.ConsumptionConfiguration = {};
      },
    },
    {
      name: 'an offset date-time with fractions',
      mutate: (d) => (d.Validity.End = '2026-01-01T00:00:00.123456+05:30'),
    },
    { name: 'a GovCloud region', mutate: (d) => (d.HomeRegion = 'us-gov-west-1') },
    {
      name: 'a partition other than aws',
      mutate: (d) => (d.LicenseArn = 'arn:aws-cn:license-manager::123456789012:license:l-1'),
    },
    {
      name: 'zero counts',
      mutate: (d) => {
        d.Entitlements[0].MaxCount = 0;
        d.ConsumptionConfiguration.ProvisionalConfiguration.MaxTimeToLiveInMinutes = 0;
      },
    },
    {
      name: 'a borrow configuration',
      mutate: (d) =>
        (d.ConsumptionConfiguration.BorrowConfiguration = { AllowEarlyCheckIn: false, MaxTimeToLiveInMinutes: 1440 }),
    },
    {
      name: 'odd Unicode in names',
      mutate: (d) => {
        d.LicenseName = 'Ünïcödé 🚀 \u202e rtl';
        d.Entitlements[0].Name = '\u0000\ud800';
      },
    },
  ];
  it.each(accepted)('$name', ({ mutate }) => {
    const doc = validDocument();
    mutate(doc);
    expect(summary(validateManifests([sourceOf(doc)]).errors)).toEqual([]);
  });
});

describe('the schema file', () => {
  const schema = JSON.parse(readFileSync(new URL('../../schemas/license.schema.json', import.meta.url), 'utf8'));
  const entitlement = schema.properties.Entitlements.items;

  it('has the API enums exactly, as the SDK exports them', () => {
    const sorted = (values: unknown[]) => [...values].map(String).sort();
    expect(sorted(entitlement.properties.Unit.enum)).toEqual(sorted(Object.values(EntitlementUnit)));
    // Status: only what an issuer sets; every one of them is an API status.
    expect(sorted(schema.properties.Status.enum)).toEqual(['AVAILABLE', 'DEACTIVATED']);
    expect(Object.values(LicenseStatus)).toEqual(expect.arrayContaining(schema.properties.Status.enum));
    expect(sorted(schema.properties.ConsumptionConfiguration.properties.RenewType.enum)).toEqual(
      sorted(Object.values(RenewType)),
    );
  });

  it('requires what CreateLicenseVersion requires, minus ClientToken, and without LicenseArn what CreateLicense does', () => {
    expect(schema.if).toMatchObject({ required: ['LicenseArn'] });
    expect(schema.else).toMatchObject({ required: ['ProductSKU', 'Beneficiary'] });
    expect([...schema.required].sort()).toEqual([
      'ConsumptionConfiguration',
      'Entitlements',
      'HomeRegion',
      'Issuer',
      'LicenseName',
      'ProductName',
      'Status',
      'Validity',
    ]);
    expect(entitlement.required).toEqual(['Name', 'Unit']);
    expect(schema.properties.Issuer.required).toEqual(['Name']);
    expect(schema.properties.Validity.required).toEqual(['Begin']);
    expect(schema.properties.LicenseMetadata.items.required).toEqual(['Name', 'Value']);
    const consumption = schema.properties.ConsumptionConfiguration;
    expect(consumption.required).toBeUndefined();
    expect(consumption.properties.BorrowConfiguration.required).toEqual([
      'AllowEarlyCheckIn',
      'MaxTimeToLiveInMinutes',
    ]);
    expect(consumption.properties.ProvisionalConfiguration.required).toEqual(['MaxTimeToLiveInMinutes']);
  });

  it('closes every object and describes every member', () => {
    const objects: string[] = [];
    const undescribed: string[] = [];
    const visit = (node: Doc, path: string): void => {
      if (node.type === 'object') {
        objects.push(path);
        expect(node.additionalProperties, path).toBe(false);
        for (const [name, member] of Object.entries<Doc>(node.properties)) {
          if (!member.description) undescribed.push(`${path}/${name}`);
          visit(member, `${path}/${name}`);
        }
      }
      if (node.items) visit(node.items, `${path}/items`);
    };
    visit(schema, '');
    expect(objects).toHaveLength(8);
    expect(undescribed).toEqual([]);
  });
});

describe('members a manifest cannot set', () => {
  it.each(['Version', 'SourceVersion'])('explains why %s is refused', (member) => {
    const text = JSON.stringify({ ...validDocument(), [member]: 'x' }, null, 2);
    const { errors } = validateManifests([{ file: 'licenses/a.json', text }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(new RegExp(`^"${member}" .*; remove it from the manifest$`));
  });
});

describe('a manifest that declares a new license', () => {
  const withoutArn = (extra: Record<string, unknown> = {}) => {
    const { LicenseArn: _arn, ...rest } = validDocument() as Record<string, unknown>;
    return JSON.stringify({ ...rest, ...extra }, null, 2);
  };

  it('is valid with ProductSKU and Beneficiary', () => {
    const text = withoutArn({ ProductSKU: 'SKU-1', Beneficiary: 'arn:aws:iam::111122223333:root' });
    expect(validateManifests([{ file: 'licenses/new.json', text }]).errors).toEqual([]);
  });

  it('needs ProductSKU and Beneficiary, and says why', () => {
    const { errors } = validateManifests([{ file: 'licenses/new.json', text: withoutArn() }]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(
        /^missing required member "ProductSKU" \(a manifest without LicenseArn declares a new license, and CreateLicense needs ProductSKU/,
      ),
      expect.stringMatching(/^missing required member "Beneficiary" \(/),
    ]);
  });

  it('accepts ProductSKU and Beneficiary beside a LicenseArn too', () => {
    const text = JSON.stringify({ ...validDocument(), ProductSKU: 'SKU-1', Beneficiary: 'b' }, null, 2);
    expect(validateManifests([{ file: 'licenses/a.json', text }]).errors).toEqual([]);
  });
});

describe('statuses License Manager sets', () => {
  it.each([
    ['EXPIRED', /extend Validity\.End/],
    ['DELETED', /--prune/],
    ['PENDING_DELETE', /--prune/],
    ['SUSPENDED', /License Manager sets it/],
    ['PENDING_AVAILABLE', /License Manager sets it/],
  ])('refuses %s with what to do instead', (status, how) => {
    const text = JSON.stringify({ ...validDocument(), Status: status }, null, 2);
    const { errors } = validateManifests([{ file: 'licenses/a.json', text }]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(new RegExp(`^/Status "${status}" is not a status an issuer sets; `));
    expect(errors[0]?.message).toMatch(how);
    expect(errors[0]?.message).toMatch(/A manifest may set AVAILABLE or DEACTIVATED$/);
  });
});
