/**
 * Errors are values: a stable code, the license they concern, who is at fault,
 * and a message a user can act on. Messages start with their subject.
 */

/** Stable error codes. Tests, JSON plans and the Action rely on these strings. */
export type ErrorCode =
  /** The manifest is not well-formed JSON. */
  | 'MANIFEST_SYNTAX'
  /** The manifest breaks the JSON Schema. */
  | 'MANIFEST_SCHEMA'
  /** The manifest breaks a rule the schema can't express (dates, unique names, units). */
  | 'MANIFEST_RULE'
  /** Two manifests claim the same LicenseArn. */
  | 'DUPLICATE_ARN'
  /** A manifest file could not be read (permissions, a symlink out of the directory). */
  | 'MANIFEST_UNREADABLE'
  /** The license does not exist. */
  | 'NOT_FOUND'
  /** The license exists but is deleted or pending deletion. */
  | 'DELETED'
  /** The credentials may not read or write the license. */
  | 'ACCESS_DENIED'
  /** Reading the live license failed for another reason (network, throttling after retries). */
  | 'READ_FAILED'
  /** The license changed after it was read; the write was refused. */
  | 'CONFLICT'
  /** The write failed for another reason. */
  | 'WRITE_FAILED'
  /** The manifest changes a member fixed at creation (HomeRegion, ProductSKU, Beneficiary). */
  | 'IMMUTABLE'
  /** Prune refused: the license still has active grants (--force-delete-granted overrides). */
  | 'HAS_GRANTS'
  /**
   * The change would cut off a customer who is using the license (a MaxCount below what is
   * consumed, DEACTIVATED, a prune, a grant disabled or deleted); allowBelowUsage / --allow-in-use overrides.
   */
  | 'IN_USE'
  /** More than one license this tool created matches a manifest without LicenseArn. */
  | 'AMBIGUOUS_ADOPTION'
  /** A new ARN could not be written back into its manifest file. */
  | 'WRITE_BACK_FAILED'
  /**
   * The service refused the request itself (ValidationException, InvalidParameterValue,
   * InvalidResourceState, ResourceLimitExceeded): retrying can't help; the message says what to change.
   */
  | 'REJECTED'
  /** The request was sent outside the license's HomeRegion. */
  | 'WRONG_REGION'
  /** The run was interrupted before this license was handled. */
  | 'INTERRUPTED'
  /** The plan would change more licenses than --max-changes allows; nothing was changed. */
  | 'TOO_MANY_CHANGES'
  /** A saved plan can't be applied (another commit, unreadable, another format). */
  | 'STALE_PLAN'
  /** Apply refused: the manifest directory has uncommitted changes. */
  | 'DIRTY_TREE'
  /** A command-line or configuration problem. */
  | 'USAGE'
  /** The configuration file (license-gitops.json) is not valid; nothing was done. */
  | 'CONFIG_INVALID'
  /** No AWS credentials could be found: reported once for the run, not once per license. */
  | 'NO_CREDENTIALS';

/** Who must act: the user (fix the input), the service/network (retry later), or the tool (a bug). */
export type Fault = 'user' | 'service' | 'tool';

export interface LicenseError {
  code: ErrorCode;
  message: string;
  fault: Fault;
  file?: string;
  licenseArn?: string;
  /** 1-based position of the offending value in `file`, for manifest errors. */
  line?: number;
  column?: number;
  /** The underlying error name (e.g. the AWS error `__type`), never credentials. */
  cause?: string;
}

/** The failed side of a result a port or a read answers: the reason, as a value. */
export type Failure = { ok: false; error: LicenseError };

/** Builds a LicenseError; `fault` defaults by code. */
export function licenseError(
  code: ErrorCode,
  message: string,
  extra: Omit<Partial<LicenseError>, 'code' | 'message'> = {},
): LicenseError {
  const defined = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
  return { code, message, fault: extra.fault ?? (SERVICE_FAULTS.includes(code) ? 'service' : 'user'), ...defined };
}

/** A LicenseError about a step: its manifest, its license once that has an ARN, and the underlying error's name. */
export function stepError(
  step: { file: string; licenseArn: string },
  code: ErrorCode,
  message: string,
  cause?: string,
): LicenseError {
  return licenseError(code, message, {
    file: step.file,
    ...(step.licenseArn ? { licenseArn: step.licenseArn } : {}),
    ...(cause ? { cause } : {}),
  });
}

/** The codes whose fault is the service's or the network's by default; every other is the user's. */
const SERVICE_FAULTS: readonly ErrorCode[] = ['READ_FAILED', 'WRITE_FAILED', 'INTERRUPTED'];

/** `file:line:col: message` when a position is known, else `file: message`, else the message. */
export function formatError(error: LicenseError): string {
  const where = error.file
    ? error.line !== undefined
      ? `${error.file}:${error.line}:${error.column ?? 1}`
      : error.file
    : error.licenseArn;
  return where ? `${where}: ${error.message}` : error.message;
}
