/**
 * The input shapes of the served operations, transcribed from the official
 * service model (botocore `license-manager` 2018-08-01), and a validator that
 * answers the first violation the way the service does.
 */
import { canonicalInstant } from './form.js';
import { GRANT_OPERATIONS, GRANT_SHAPES, type GrantOperationName } from './grant-shapes.js';

/** The operations the emulator serves. A closed vocabulary. */
export type OperationName =
  /** Creates a license at Version "1". */
  | 'CreateLicense'
  /** Creates the next version of a license, optionally pinned by SourceVersion. */
  | 'CreateLicenseVersion'
  /** Reads a license, or one of its versions. */
  | 'GetLicense'
  /** Lists the current version of every license, paginated. */
  | 'ListLicenses'
  /** Lists every version of one license, oldest first, paginated. */
  | 'ListLicenseVersions'
  /** Marks a license DELETED (or PENDING_DELETE), pinned by SourceVersion. */
  | 'DeleteLicense'
  /** Adds tags to a license. */
  | 'TagResource'
  /** Removes tags from a license. */
  | 'UntagResource'
  /** Lists a license's tags. */
  | 'ListTagsForResource'
  /** What a license's customer has checked out of each entitlement. */
  | 'GetLicenseUsage'
  /** The grant operations (grant-shapes.ts). */
  | GrantOperationName;

export const OPERATIONS: readonly OperationName[] = [
  'CreateLicense',
  'CreateLicenseVersion',
  'GetLicense',
  'ListLicenses',
  'ListLicenseVersions',
  'DeleteLicense',
  'TagResource',
  'UntagResource',
  'ListTagsForResource',
  'GetLicenseUsage',
  ...GRANT_OPERATIONS,
];

export function isOperationName(name: string): name is OperationName {
  return (OPERATIONS as readonly string[]).includes(name);
}

/** A model shape, reduced to what validation needs. */
export type Shape =
  | { kind: 'string'; enum?: readonly string[]; pattern?: RegExp; max?: number; instant?: boolean }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'list'; member: Shape; min?: number; max?: number }
  | { kind: 'structure'; members: Record<string, Shape>; required?: readonly string[] };

const str: Shape = { kind: 'string' };
const int: Shape = { kind: 'integer' };
const bool: Shape = { kind: 'boolean' };
const arn: Shape = {
  kind: 'string',
  max: 2048,
  pattern:
    /^arn:aws[a-zA-Z-]*:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}$/,
};
const instant: Shape = { kind: 'string', max: 50, instant: true };
const clientToken: Shape = { kind: 'string', max: 2048, pattern: /\S+/ };
const maxSize100: Shape = { kind: 'integer', min: 1, max: 100 };
const struct = (members: Record<string, Shape>, required: readonly string[] = []): Shape => ({
  kind: 'structure',
  members,
  required,
});
const list = (member: Shape): Shape => ({ kind: 'list', member });

export const LICENSE_STATUSES = [
  'AVAILABLE',
  'PENDING_AVAILABLE',
  'DEACTIVATED',
  'SUSPENDED',
  'EXPIRED',
  'PENDING_DELETE',
  'DELETED',
] as const;

const ENTITLEMENT_UNITS = [
  'Count',
  'None',
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
];

const issuer = struct({ Name: str, SignKey: str }, ['Name']);
const validity = struct({ Begin: instant, End: instant }, ['Begin']);
const entitlement = struct(
  {
    Name: str,
    Value: str,
    MaxCount: int,
    Overage: bool,
    Unit: { kind: 'string', enum: ENTITLEMENT_UNITS },
    AllowCheckIn: bool,
  },
  ['Name', 'Unit'],
);
const consumption = struct({
  RenewType: { kind: 'string', enum: ['None', 'Weekly', 'Monthly'] },
  ProvisionalConfiguration: struct({ MaxTimeToLiveInMinutes: int }, ['MaxTimeToLiveInMinutes']),
  BorrowConfiguration: struct({ AllowEarlyCheckIn: bool, MaxTimeToLiveInMinutes: int }, [
    'AllowEarlyCheckIn',
    'MaxTimeToLiveInMinutes',
  ]),
});
const metadata = list(struct({ Name: str, Value: str }));
const status: Shape = { kind: 'string', enum: LICENSE_STATUSES };

/** The license members CreateLicense and CreateLicenseVersion share. */
const licenseBody = {
  LicenseName: str,
  ProductName: str,
  Issuer: issuer,
  HomeRegion: str,
  Validity: validity,
  Entitlements: list(entitlement),
  ConsumptionConfiguration: consumption,
  LicenseMetadata: metadata,
  ClientToken: clientToken,
};
const licenseRequired = [
  'LicenseName',
  'ProductName',
  'Issuer',
  'HomeRegion',
  'Validity',
  'Entitlements',
  'ConsumptionConfiguration',
  'ClientToken',
];

const tag = struct({ Key: str, Value: str });

/** Input shape per operation. */
export const INPUT_SHAPES: Record<OperationName, Shape> = {
  CreateLicense: struct({ ...licenseBody, ProductSKU: str, Beneficiary: str, Tags: list(tag) }, [
    ...licenseRequired,
    'ProductSKU',
    'Beneficiary',
  ]),
  CreateLicenseVersion: struct({ ...licenseBody, LicenseArn: arn, Status: status, SourceVersion: str }, [
    ...licenseRequired,
    'LicenseArn',
    'Status',
  ]),
  GetLicense: struct({ LicenseArn: arn, Version: str }, ['LicenseArn']),
  ListLicenses: struct({
    LicenseArns: list(arn),
    Filters: list(struct({ Name: str, Values: list(str) })),
    NextToken: str,
    MaxResults: maxSize100,
  }),
  ListLicenseVersions: struct({ LicenseArn: arn, NextToken: str, MaxResults: maxSize100 }, ['LicenseArn']),
  DeleteLicense: struct({ LicenseArn: arn, SourceVersion: str }, ['LicenseArn', 'SourceVersion']),
  TagResource: struct({ ResourceArn: str, Tags: list(tag) }, ['ResourceArn', 'Tags']),
  UntagResource: struct({ ResourceArn: str, TagKeys: list(str) }, ['ResourceArn', 'TagKeys']),
  ListTagsForResource: struct({ ResourceArn: str }, ['ResourceArn']),
  GetLicenseUsage: struct({ LicenseArn: arn }, ['LicenseArn']),
  ...GRANT_SHAPES,
};

/** The first violation of `shape` by `value`, phrased as the service does; undefined when valid. */
export function firstViolation(shape: Shape, value: unknown, path = ''): string | undefined {
  const at = (constraint: string): string =>
    `1 validation error detected: Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
  switch (shape.kind) {
    case 'string':
      return stringViolation(shape, value, at);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return at('Member must be an integer');
      if (shape.min !== undefined && value < shape.min)
        return at(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        return at(`Member must have value less than or equal to ${shape.max}`);
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : at('Member must be a boolean');
    case 'list':
      if (!Array.isArray(value)) return at('Member must be a list');
      if (shape.min !== undefined && value.length < shape.min)
        return at(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        return at(`Member must have length less than or equal to ${shape.max}`);
      return firstOf(value.map((item, i) => () => firstViolation(shape.member, item, `${path}.${i + 1}`)));
    case 'structure':
      return structureViolation(shape, value, path, at);
  }
}

function stringViolation(
  shape: Extract<Shape, { kind: 'string' }>,
  value: unknown,
  at: (constraint: string) => string,
): string | undefined {
  if (typeof value !== 'string') return at('Member must be a string');
  if (shape.max !== undefined && value.length > shape.max)
    return at(`Member must have length less than or equal to ${shape.max}`);
  if (shape.enum && !shape.enum.includes(value))
    return at(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  if (shape.pattern && !shape.pattern.test(value))
    return at(`Member must satisfy regular expression pattern: ${shape.pattern.source}`);
  if (shape.instant && canonicalInstant(value) === undefined) return at('Member must be an ISO 8601 date-time');
  return undefined;
}

function structureViolation(
  shape: Extract<Shape, { kind: 'structure' }>,
  value: unknown,
  path: string,
  at: (constraint: string) => string,
): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return at('Member must be a structure');
  const object = value as Record<string, unknown>;
  const prefix = path ? `${path}.` : '';
  for (const name of shape.required ?? []) {
    if (object[name] === undefined || object[name] === null) {
      return `1 validation error detected: Value null at '${prefix}${name}' failed to satisfy constraint: Member must not be null`;
    }
  }
  return firstOf(
    Object.entries(shape.members).map(
      ([name, member]) =>
        () =>
          object[name] === undefined || object[name] === null
            ? undefined
            : firstViolation(member, object[name], `${prefix}${name}`),
    ),
  );
}

function firstOf(checks: Array<() => string | undefined>): string | undefined {
  for (const check of checks) {
    const found = check();
    if (found !== undefined) return found;
  }
  return undefined;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
