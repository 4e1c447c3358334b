/**
 * Service errors as values. Handlers return them; the server turns them into
 * AWS JSON 1.1 error responses (`__type`, `message`, `x-amzn-ErrorType`).
 */

/** The error types the emulator answers with. A closed vocabulary. */
export type ErrorType =
  /** No `Authorization` header: the request was not signed at all. */
  | 'MissingAuthenticationTokenException'
  /** `X-Amz-Target` is missing or names an operation the emulator does not serve. */
  | 'UnknownOperationException'
  /** The body is not a JSON object. */
  | 'SerializationException'
  /** Input breaks the model (missing/ill-typed member), the license is deleted, or a ClientToken is reused with other parameters. */
  | 'ValidationException'
  /** A parameter has a well-typed but unusable value (unknown filter name, bad NextToken). */
  | 'InvalidParameterValueException'
  /** The resource's state doesn't allow the request (injected by the `reject` fault). */
  | 'InvalidResourceStateException'
  /** An account limit was reached (injected by the `reject` fault). */
  | 'ResourceLimitExceededException'
  /** The license (or the asked-for version) does not exist. */
  | 'ResourceNotFoundException'
  /** SourceVersion is not the license's current Version. */
  | 'ConflictException'
  /** A write was sent to a region other than the license's HomeRegion. */
  | 'RedirectException'
  /** Throttled (injected by the `throttle` fault). */
  | 'RateLimitExceededException'
  /** A server fault (injected by the `internal` fault); the only 500. */
  | 'ServerInternalException'
  /** The caller may not do this (injected by the `access-denied` fault). */
  | 'AccessDeniedException';

/** An error answer: its type, a message, and extra body members (RedirectException's `Location`). */
export interface ServiceError {
  type: ErrorType;
  message: string;
  extra?: Record<string, string>;
}

/** Either a value or a ServiceError. What every handler returns. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail<T = never>(type: ErrorType, message: string, extra?: Record<string, string>): Outcome<T> {
  return { ok: false, error: { type, message, extra } };
}

/** The `ResourceNotFoundException` for an unknown ARN (`subject` names the resource: `License <arn>`, `Grant <arn>`). */
export function notFound<T = never>(subject: string): Outcome<T> {
  return fail('ResourceNotFoundException', `${subject} not found`);
}

/** The answer to a write sent to a Region other than the resource's HomeRegion (`subject` names the resource). */
export function redirect<T = never>(subject: string, home: string, region: string): Outcome<T> {
  const message = `${subject} is managed in its HomeRegion ${home}; this request was sent to ${region}`;
  return fail('RedirectException', message, { Location: `https://license-manager.${home}.amazonaws.com` });
}
