/**
 * Turns an error thrown by the AWS SDK into a LicenseError value. Only the
 * error's name, HTTP status and service message are kept, never request data
 * (which may carry credentials).
 */
import { licenseError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';
import { redactServiceMessage } from './redact.js';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Who asked: the region called and, when the credentials tell it, their account. */
export interface Asker {
  region: string;
  account?: string;
}

/** The operation behind each kind of call, as messages name it. */
const OPERATION_BY_KIND = {
  read: 'GetLicense',
  write: 'CreateLicenseVersion',
  list: 'ListLicenses',
  create: 'CreateLicense',
  delete: 'DeleteLicense',
  tags: 'ListTagsForResource',
  tag: 'TagResource',
  untag: 'UntagResource',
  versions: 'ListLicenseVersions',
  usage: 'GetLicenseUsage',
};

export type CallKind = keyof typeof OPERATION_BY_KIND;

/** Calls that change something: their failures are WRITE_FAILED. */
const WRITES: readonly CallKind[] = ['write', 'create', 'delete', 'tag', 'untag'];

const CODE_BY_NAME: Record<string, ErrorCode> = {
  ResourceNotFoundException: 'NOT_FOUND',
  AccessDeniedException: 'ACCESS_DENIED',
  AuthorizationException: 'ACCESS_DENIED',
  RedirectException: 'WRONG_REGION',
  ConflictException: 'CONFLICT',
};

/**
 * Errors about the request itself: the SDK does not retry them, and neither do we.
 * Each gets a message about what to change, never "retry".
 */
const REJECTION_ADVICE: Record<string, string> = {
  ValidationException: 'License Manager refused the request as invalid; change what the message names in the manifest',
  InvalidParameterValueException:
    'License Manager does not accept a value in the request; change what the message names in the manifest',
  InvalidResourceStateException:
    "the license is in a state that doesn't allow this change; check its Status (and that it is not being deleted) before running again",
  ResourceLimitExceededException:
    'an account limit of License Manager was reached; raise the quota (Service Quotas) or remove unused resources before running again',
};

/** ARNs the API accepts (its model's pattern): a validation error about one of these is not about its form. */
const WELL_FORMED_ARN =
  /^arn:aws[a-zA-Z-]*:license-manager:[A-Za-z0-9_/.-]{0,63}:\d{12}:license[:/][A-Za-z0-9:_/+=,@.-]{1,1000}$/;

/** Maps an SDK error for `licenseArn` (none for ListLicenses) to a stable code and an actionable message. */
export function fromSdkError(
  error: unknown,
  kind: CallKind,
  licenseArn: string | undefined,
  asker: string | Asker,
): LicenseError {
  const who = typeof asker === 'string' ? { region: asker } : asker;
  const raw = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorLike;
  // Redacted before it is kept anywhere: some errors echo the signed request, session token included.
  // The name comes from the reply too (`__type`, `x-amzn-errortype`): bounded, and redacted like the message.
  const name =
    (typeof raw.name === 'string' ? redactServiceMessage(raw.name.replace(/[^\w.:#-]/g, '').slice(0, 100)) : '') ||
    'Error';
  const e: SdkErrorLike = { ...raw, name, message: redactServiceMessage(String(raw.message ?? '')) };
  const code = codeFor(name, e.message ?? '', kind, licenseArn);
  return licenseError(code, messageFor(code, name, e, kind, who, licenseArn), {
    licenseArn,
    cause: name,
    fault: code === 'READ_FAILED' || code === 'WRITE_FAILED' ? 'service' : 'user',
  });
}

function codeFor(name: string, message: string, kind: CallKind, licenseArn: string | undefined): ErrorCode {
  if (name === 'CredentialsProviderError') return 'NO_CREDENTIALS';
  const known = CODE_BY_NAME[name];
  if (known) return known;
  // GetLicense for a well-formed ARN this account can't see: some endpoints answer a validation error.
  if (name === 'ValidationException' && kind === 'read' && licenseArn !== undefined && WELL_FORMED_ARN.test(licenseArn))
    return 'NOT_FOUND';
  if (/InvalidParameterValue|Validation/.test(name) && /not (be )?found|does not exist/i.test(message))
    return 'NOT_FOUND';
  if (name in REJECTION_ADVICE) return 'REJECTED';
  return WRITES.includes(kind) ? 'WRITE_FAILED' : 'READ_FAILED';
}

function messageFor(
  code: ErrorCode,
  name: string,
  e: SdkErrorLike,
  kind: CallKind,
  who: Asker,
  licenseArn: string | undefined,
): string {
  if (name === 'CredentialsProviderError') {
    return 'no AWS credentials were found, so nothing was read or written; set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or assume a role (OIDC in CI)';
  }
  const detail = e.message ? `: ${e.message}` : '';
  const attempts = e.$metadata?.attempts && e.$metadata.attempts > 1 ? ` after ${e.$metadata.attempts} attempts` : '';
  switch (code) {
    case 'NOT_FOUND':
      return `license not found: ${askedAs(who, licenseArn)} has no such license (${name}); check LicenseArn and HomeRegion in the manifest, and that the credentials belong to the license's account`;
    case 'ACCESS_DENIED':
      return `access denied (${name}); the credentials need license-manager:${OPERATION_BY_KIND[kind]}`;
    case 'WRONG_REGION':
      return `the license can only be changed in its HomeRegion, not ${who.region}${detail}`;
    case 'CONFLICT':
      return `the license changed after it was read, so nothing was written${detail}; run plan again to see the new state`;
    case 'REJECTED':
      return `${OPERATION_BY_KIND[kind]} in ${who.region} was refused (${name})${detail}; ${REJECTION_ADVICE[name] ?? 'change the request'} (sent once: the same request can't succeed)`;
    default:
      return `${OPERATION_BY_KIND[kind]} failed in ${who.region}${attempts} (${name})${detail}`;
  }
}

/** "account 123456789012 in us-east-1", or, when the credentials don't name their account, what is known. */
function askedAs(who: Asker, licenseArn: string | undefined): string {
  if (who.account) return `account ${who.account} in ${who.region}`;
  const owner = licenseArn?.split(':')[4];
  return `the credentials' account in ${who.region}${owner ? ` (the ARN names account ${owner})` : ''}`;
}
