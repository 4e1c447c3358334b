/**
 * Turns an error thrown by the AWS SDK into a LicenseError value. Only the
 * error's name, HTTP status and service message are kept, never request data
 * (which may carry credentials).
 */
import { licenseError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';

interface SdkErrorLike {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

export type CallKind = 'read' | 'write' | 'list' | 'create' | 'delete' | 'tags' | 'grants';

/** The operation behind each kind of call, as messages name it. */
const OPERATION_BY_KIND: Record<CallKind, string> = {
  read: 'GetLicense',
  write: 'CreateLicenseVersion',
  list: 'ListLicenses',
  create: 'CreateLicense',
  delete: 'DeleteLicense',
  tags: 'ListTagsForResource',
  grants: 'ListDistributedGrants',
};

/** Calls that change something: their failures are WRITE_FAILED. */
const WRITES: readonly CallKind[] = ['write', 'create', 'delete'];

const CODE_BY_NAME: Record<string, ErrorCode> = {
  ResourceNotFoundException: 'NOT_FOUND',
  AccessDeniedException: 'ACCESS_DENIED',
  AuthorizationException: 'ACCESS_DENIED',
  RedirectException: 'WRONG_REGION',
  ConflictException: 'CONFLICT',
};

/** Maps an SDK error for `licenseArn` (none for ListLicenses) to a stable code and an actionable message. */
export function fromSdkError(
  error: unknown,
  kind: CallKind,
  licenseArn: string | undefined,
  region: string,
): LicenseError {
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkErrorLike;
  const name = e.name ?? 'Error';
  const code = codeFor(name, e.message ?? '', kind);
  return licenseError(code, messageFor(code, name, e, kind, region), {
    licenseArn,
    cause: name,
    fault: code === 'READ_FAILED' || code === 'WRITE_FAILED' ? 'service' : 'user',
  });
}

function codeFor(name: string, message: string, kind: CallKind): ErrorCode {
  const known = CODE_BY_NAME[name];
  if (known) return known;
  // GetLicense on an unknown ARN is answered with a validation error by some endpoints.
  if (/InvalidParameterValue|Validation/.test(name) && /not (be )?found|does not exist/i.test(message))
    return 'NOT_FOUND';
  return WRITES.includes(kind) ? 'WRITE_FAILED' : 'READ_FAILED';
}

function messageFor(code: ErrorCode, name: string, e: SdkErrorLike, kind: CallKind, region: string): string {
  if (name === 'CredentialsProviderError') {
    return 'no AWS credentials were found; set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or assume a role (OIDC in CI)';
  }
  const detail = e.message ? `: ${e.message}` : '';
  const attempts = e.$metadata?.attempts && e.$metadata.attempts > 1 ? ` after ${e.$metadata.attempts} attempts` : '';
  switch (code) {
    case 'NOT_FOUND':
      return `license not found in ${region}; check LicenseArn and HomeRegion in the manifest`;
    case 'ACCESS_DENIED':
      return `access denied (${name}); the credentials need license-manager:${OPERATION_BY_KIND[kind]}`;
    case 'WRONG_REGION':
      return `the license can only be changed in its HomeRegion, not ${region}${detail}`;
    case 'CONFLICT':
      return `the license changed after it was read, so nothing was written${detail}; run plan again to see the new state`;
    default:
      return `${OPERATION_BY_KIND[kind]} failed in ${region}${attempts} (${name})${detail}`;
  }
}
