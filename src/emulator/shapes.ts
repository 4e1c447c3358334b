/**
 * The input shapes of the served operations, transcribed from the official
 * service model (botocore `license-manager` 2018-08-01), and their enums.
 * validate.ts checks requests against them.
 */
import type { Bounds, Shape, StructureShape } from './validate.js';

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
const statusReason: Shape = { kind: 'string', max: 400, pattern: /[\s\S]+/ };
const maxSize100: Shape = { kind: 'integer', min: 1, max: 100 };
const oneOf = (values: readonly string[]): Shape => ({ kind: 'string', enum: values });
const struct = (members: Record<string, Shape>, required: readonly string[] = []): StructureShape => ({
  kind: 'structure',
  members,
  required,
});
const list = (member: Shape, bounds: Bounds = {}): Shape => ({
  kind: 'list',
  member,
  ...bounds,
});

const LICENSE_STATUSES = [
  'AVAILABLE',
  'PENDING_AVAILABLE',
  'DEACTIVATED',
  'SUSPENDED',
  'EXPIRED',
  'PENDING_DELETE',
  'DELETED',
];

/** Bytes to Terabytes, then Bits to Terabits: the sizes of the model's EntitlementUnit enum. */
const SIZES = ['Bytes', 'Bits'].flatMap((unit) =>
  ['', 'Kilo', 'Mega', 'Giga', 'Tera'].map((prefix) => (prefix ? prefix + unit.toLowerCase() : unit)),
);

/** The model's EntitlementUnit enum, in its order: counts and times, sizes, Percent, rates. */
const ENTITLEMENT_UNITS = [
  'Count',
  'None',
  'Seconds',
  'Microseconds',
  'Milliseconds',
  ...SIZES,
  'Percent',
  ...SIZES.map((size) => `${size}/Second`),
  'Count/Second',
];

/** The model's AllowedOperation enum. */
const ALLOWED_OPERATIONS = [
  'CreateGrant',
  'CheckoutLicense',
  'CheckoutBorrowLicense',
  'CheckInLicense',
  'ExtendConsumptionLicense',
  'ListPurchasedLicenses',
  'CreateToken',
];

/** The model's GrantStatus enum. */
const GRANT_STATUSES = [
  'PENDING_WORKFLOW',
  'PENDING_ACCEPT',
  'REJECTED',
  'ACTIVE',
  'FAILED_WORKFLOW',
  'DELETED',
  'PENDING_DELETE',
  'DISABLED',
  'WORKFLOW_COMPLETED',
];

const issuer = struct({ Name: str, SignKey: str }, ['Name']);
const validity = struct({ Begin: instant, End: instant }, ['Begin']);
const entitlement = struct(
  {
    Name: str,
    Value: str,
    MaxCount: int,
    Overage: bool,
    Unit: oneOf(ENTITLEMENT_UNITS),
    AllowCheckIn: bool,
  },
  ['Name', 'Unit'],
);
const consumption = struct({
  RenewType: oneOf(['None', 'Weekly', 'Monthly']),
  ProvisionalConfiguration: struct({ MaxTimeToLiveInMinutes: int }, ['MaxTimeToLiveInMinutes']),
  BorrowConfiguration: struct({ AllowEarlyCheckIn: bool, MaxTimeToLiveInMinutes: int }, [
    'AllowEarlyCheckIn',
    'MaxTimeToLiveInMinutes',
  ]),
});
const metadata = list(struct({ Name: str, Value: str }));
const tags = list(struct({ Key: str, Value: str }));
const filters = list(struct({ Name: str, Values: list(str) }));
const grantedOperations = list(oneOf(ALLOWED_OPERATIONS), { min: 1, max: 8 });

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
/** Both operations require every one of them but LicenseMetadata. */
const licenseRequired = Object.keys(licenseBody).filter((name) => name !== 'LicenseMetadata');

/** The operations the emulator serves, and the input shape of each. */
export const INPUT_SHAPES = {
  /** Creates a license at Version "1". */
  CreateLicense: struct({ ...licenseBody, ProductSKU: str, Beneficiary: str, Tags: tags }, [
    ...licenseRequired,
    'ProductSKU',
    'Beneficiary',
  ]),
  /** Creates the next version of a license, optionally pinned by SourceVersion. */
  CreateLicenseVersion: struct(
    { ...licenseBody, LicenseArn: arn, Status: oneOf(LICENSE_STATUSES), SourceVersion: str },
    [...licenseRequired, 'LicenseArn', 'Status'],
  ),
  /** Reads a license, or one of its versions. */
  GetLicense: struct({ LicenseArn: arn, Version: str }, ['LicenseArn']),
  /** Lists the current version of every license, paginated. */
  ListLicenses: struct({ LicenseArns: list(arn), Filters: filters, NextToken: str, MaxResults: maxSize100 }),
  /** Lists every version of one license, oldest first, paginated. */
  ListLicenseVersions: struct({ LicenseArn: arn, NextToken: str, MaxResults: maxSize100 }, ['LicenseArn']),
  /** Marks a license DELETED (or PENDING_DELETE), pinned by SourceVersion. */
  DeleteLicense: struct({ LicenseArn: arn, SourceVersion: str }, ['LicenseArn', 'SourceVersion']),
  /** Adds tags to a license or a grant. */
  TagResource: struct({ ResourceArn: str, Tags: tags }, ['ResourceArn', 'Tags']),
  /** Removes tags from a license or a grant. */
  UntagResource: struct({ ResourceArn: str, TagKeys: list(str) }, ['ResourceArn', 'TagKeys']),
  /** Lists the tags of a license or a grant. */
  ListTagsForResource: struct({ ResourceArn: str }, ['ResourceArn']),
  /** What a license's customer has checked out of each entitlement. */
  GetLicenseUsage: struct({ LicenseArn: arn }, ['LicenseArn']),
  /** Distributes a license to one principal: a grant at Version "1", PENDING_ACCEPT. */
  CreateGrant: struct(
    {
      ClientToken: clientToken,
      GrantName: str,
      LicenseArn: arn,
      Principals: list(arn, { min: 1, max: 1 }),
      HomeRegion: str,
      AllowedOperations: grantedOperations,
      Tags: tags,
    },
    ['ClientToken', 'GrantName', 'LicenseArn', 'Principals', 'HomeRegion', 'AllowedOperations'],
  ),
  /** The next version of a grant (name, operations, issuer status, options), optionally pinned by SourceVersion. */
  CreateGrantVersion: struct(
    {
      ClientToken: clientToken,
      GrantArn: arn,
      GrantName: str,
      AllowedOperations: grantedOperations,
      Status: oneOf(GRANT_STATUSES),
      StatusReason: statusReason,
      SourceVersion: str,
      Options: struct({
        ActivationOverrideBehavior: oneOf(['DISTRIBUTED_GRANTS_ONLY', 'ALL_GRANTS_PERMITTED_BY_ISSUER']),
      }),
    },
    ['ClientToken', 'GrantArn'],
  ),
  /** Reads a grant, or one of its versions. */
  GetGrant: struct({ GrantArn: arn, Version: str }, ['GrantArn']),
  /** Lists the grants the caller issued, filtered, paginated. */
  ListDistributedGrants: struct({ GrantArns: list(arn), Filters: filters, NextToken: str, MaxResults: maxSize100 }),
  /** Marks a grant DELETED, pinned by Version. */
  DeleteGrant: struct({ GrantArn: arn, StatusReason: statusReason, Version: str }, ['GrantArn', 'Version']),
  /** The grantee accepts a PENDING_ACCEPT grant (a new version, ACTIVE). */
  AcceptGrant: struct({ GrantArn: arn }, ['GrantArn']),
  /** The grantee rejects a grant (a new version, REJECTED). */
  RejectGrant: struct({ GrantArn: arn }, ['GrantArn']),
} satisfies Record<string, StructureShape>;

/** The operations the emulator serves. A closed vocabulary. */
export type OperationName = keyof typeof INPUT_SHAPES;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(INPUT_SHAPES, name);
}
