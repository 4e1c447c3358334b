/**
 * Dialects: the behaviours the License Manager API reference leaves open, each
 * answerable every plausible way, so the client can be proved right under all
 * of them rather than under one guess.
 *
 * Sources: the official service model (botocore `license-manager` 2018-08-01)
 * declares the error shapes but no HTTP status codes; the AWS SDK for
 * JavaScript's model declares `httpError` codes (ConflictException 409,
 * RateLimitExceededException 429, RedirectException 308 with `Location` bound to
 * a header, AccessDeniedException 401, AuthorizationException 403,
 * ServerInternalException 500, the rest 400); the API reference pages say 400.
 */
import type { ErrorType } from './errors.js';
import { isObject } from './form.js';

/** Every choice of every behaviour, in the order they are listed. */
export const DIALECT_CHOICES = {
  /** What a write pinned to a version that is no longer current gets. */
  stalePin: [
    /** `ConflictException`. */
    'conflict',
    /** `ValidationException: The version provided 1 doesn't match the latest version 2` (as the grant API answers). */
    'validation',
  ],
  /** What an operation on a license this account can't see gets (a well-formed, unknown ARN). */
  unknownArn: [
    /** `ResourceNotFoundException`. */
    'not-found',
    /** `ValidationException`, with no word of "not found" in the message. */
    'validation',
  ],
  /** The HTTP status codes of error answers. */
  statusCodes: [
    /** Every client error is HTTP 400 (the API reference); ServerInternalException 500. */
    'all-400',
    /** As the JS SDK's model declares: 429 throttling, 409 conflict, 308 redirect (Location as a header), 401/403 access. */
    'sdk-model',
  ],
  /** What a write repeating an earlier write's ClientToken gets. */
  clientToken: [
    /** The same request with the same token gets the first answer again; nothing changes. */
    'replay',
    /** Tokens are ignored: a repeated request is handled as new. */
    'ignore',
  ],
} as const;

export type Dialect = { [K in keyof typeof DIALECT_CHOICES]: (typeof DIALECT_CHOICES)[K][number] };

/** The emulator's defaults: what it answered before dialects existed. */
export const DEFAULT_DIALECT: Readonly<Dialect> = {
  stalePin: 'conflict',
  unknownArn: 'not-found',
  statusCodes: 'all-400',
  clientToken: 'replay',
};

/** Every combination (16), the default first. */
export function allDialects(): Dialect[] {
  let all: Dialect[] = [{ ...DEFAULT_DIALECT }];
  for (const key of Object.keys(DIALECT_CHOICES) as Array<keyof Dialect>) {
    all = all.flatMap((d) => (DIALECT_CHOICES[key] as readonly string[]).map((choice) => ({ ...d, [key]: choice })));
  }
  return all;
}

/** `stalePin=conflict,unknownArn=not-found,statusCodes=all-400,clientToken=replay`: the form `--dialect` takes. */
export function describeDialect(dialect: Dialect): string {
  return (Object.keys(DIALECT_CHOICES) as Array<keyof Dialect>).map((key) => `${key}=${dialect[key]}`).join(',');
}

/** HTTP status codes as the JS SDK's model declares them (`httpError`). */
const SDK_MODEL_STATUS: Partial<Record<ErrorType, number>> = {
  ConflictException: 409,
  RateLimitExceededException: 429,
  RedirectException: 308,
  AccessDeniedException: 401,
};

/** The HTTP status of an error answer under `dialect`. */
export function statusFor(type: ErrorType, dialect: Dialect): number {
  if (type === 'ServerInternalException') return 500;
  return dialect.statusCodes === 'sdk-model' ? (SDK_MODEL_STATUS[type] ?? 400) : 400;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads a dialect from an object (a seed's `dialect`) or from `key=value,…` text
 * (`--dialect`): the behaviours it names (the others keep what they were). `where` starts every message.
 */
export function parseDialect(value: unknown, where: string): Parsed<Partial<Dialect>> {
  const entries =
    typeof value === 'string'
      ? value
          .split(',')
          .filter((part) => part.trim() !== '')
          .map((part) => part.split('=').map((s) => s.trim()))
      : isObject(value)
        ? Object.entries(value)
        : undefined;
  const bad = (message: string) => ({ ok: false as const, message: `${where}: ${message}` });
  if (!entries) return bad('a dialect is an object or "key=value,…" text');
  const dialect: Partial<Dialect> = {};
  for (const [key, choice, ...rest] of entries as unknown[][]) {
    const choices = DIALECT_CHOICES[key as keyof Dialect] as readonly unknown[] | undefined;
    if (!choices || typeof key !== 'string')
      return bad(`unknown behaviour ${JSON.stringify(key)}; one of ${Object.keys(DIALECT_CHOICES).join(', ')}`);
    if (rest.length > 0 || !choices.includes(choice))
      return bad(`${key} must be one of ${choices.join(', ')} (got ${JSON.stringify(choice)})`);
    (dialect as unknown as Record<string, unknown>)[key] = choice;
  }
  return { ok: true, value: dialect };
}
