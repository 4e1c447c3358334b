/**
 * The input shapes of the grant operations, transcribed from the official
 * service model (botocore `license-manager` 2018-08-01), and their enums.
 */
import type { Shape } from './shapes.js';

/** The grant operations the emulator serves. A closed vocabulary. */
export type GrantOperationName =
  /** Distributes a license to one principal: a grant at Version "1", PENDING_ACCEPT. */
  | 'CreateGrant'
  /** The next version of a grant (name, operations, issuer status, options), optionally pinned by SourceVersion. */
  | 'CreateGrantVersion'
  /** Reads a grant, or one of its versions. */
  | 'GetGrant'
  /** Lists the grants the caller issued, filtered, paginated. */
  | 'ListDistributedGrants'
  /** Marks a grant DELETED, pinned by Version. */
  | 'DeleteGrant'
  /** The grantee accepts a PENDING_ACCEPT grant (a new version, ACTIVE). */
  | 'AcceptGrant'
  /** The grantee rejects a grant (a new version, REJECTED). */
  | 'RejectGrant';

export const GRANT_OPERATIONS: readonly GrantOperationName[] = [
  'CreateGrant',
  'CreateGrantVersion',
  'GetGrant',
  'ListDistributedGrants',
  'DeleteGrant',
  'AcceptGrant',
  'RejectGrant',
];

/** The model's AllowedOperation enum. */
export const ALLOWED_OPERATIONS = [
  'CreateGrant',
  'CheckoutLicense',
  'CheckoutBorrowLicense',
  'CheckInLicense',
  'ExtendConsumptionLicense',
  'ListPurchasedLicenses',
  'CreateToken',
] as const;

/** The model's GrantStatus enum. */
export const GRANT_STATUSES = [
  'PENDING_WORKFLOW',
  'PENDING_ACCEPT',
  'REJECTED',
  'ACTIVE',
  'FAILED_WORKFLOW',
  'DELETED',
  'PENDING_DELETE',
  'DISABLED',
  'WORKFLOW_COMPLETED',
] as const;

const ARN_PATTERN =
  /^arn:aws[a-zA-Z-]*:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}$/;

const str: Shape = { kind: 'string' };
const arn: Shape = { kind: 'string', max: 2048, pattern: ARN_PATTERN };
const clientToken: Shape = { kind: 'string', max: 2048, pattern: /\S+/ };
const statusReason: Shape = { kind: 'string', max: 400, pattern: /[\s\S]+/ };
const operations: Shape = {
  kind: 'list',
  min: 1,
  max: 8,
  member: { kind: 'string', enum: ALLOWED_OPERATIONS },
};
const options: Shape = {
  kind: 'structure',
  members: {
    ActivationOverrideBehavior: { kind: 'string', enum: ['DISTRIBUTED_GRANTS_ONLY', 'ALL_GRANTS_PERMITTED_BY_ISSUER'] },
  },
};
const struct = (members: Record<string, Shape>, required: readonly string[] = []): Shape => ({
  kind: 'structure',
  members,
  required,
});

/** Input shape per grant operation. */
export const GRANT_SHAPES: Record<GrantOperationName, Shape> = {
  CreateGrant: struct(
    {
      ClientToken: clientToken,
      GrantName: str,
      LicenseArn: arn,
      Principals: { kind: 'list', min: 1, max: 1, member: arn },
      HomeRegion: str,
      AllowedOperations: operations,
      Tags: { kind: 'list', member: struct({ Key: str, Value: str }) },
    },
    ['ClientToken', 'GrantName', 'LicenseArn', 'Principals', 'HomeRegion', 'AllowedOperations'],
  ),
  CreateGrantVersion: struct(
    {
      ClientToken: clientToken,
      GrantArn: arn,
      GrantName: str,
      AllowedOperations: operations,
      Status: { kind: 'string', enum: GRANT_STATUSES },
      StatusReason: statusReason,
      SourceVersion: str,
      Options: options,
    },
    ['ClientToken', 'GrantArn'],
  ),
  GetGrant: struct({ GrantArn: arn, Version: str }, ['GrantArn']),
  ListDistributedGrants: struct({
    GrantArns: { kind: 'list', member: arn },
    Filters: { kind: 'list', member: struct({ Name: str, Values: { kind: 'list', member: str } }) },
    NextToken: str,
    MaxResults: { kind: 'integer', min: 1, max: 100 },
  }),
  DeleteGrant: struct({ GrantArn: arn, StatusReason: statusReason, Version: str }, ['GrantArn', 'Version']),
  AcceptGrant: struct({ GrantArn: arn }, ['GrantArn']),
  RejectGrant: struct({ GrantArn: arn }, ['GrantArn']),
};
