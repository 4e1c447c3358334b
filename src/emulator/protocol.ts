/**
 * AWS JSON 1.1 over HTTP: reading a request (target, SigV4 region, body) and
 * writing an answer. Knows nothing about licenses.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { statusFor, type Dialect } from './dialect.js';
import { fail, ok, type Outcome, type ServiceError } from './errors.js';
import { isObject } from './form.js';
import { isOperationName, type OperationName } from './shapes.js';

const TARGET_PREFIX = 'AWSLicenseManager.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** Used when the Authorization header carries no credential scope (signatures are never verified). */
const FALLBACK_REGION = 'us-east-1';

/** What the envelope of a request says, readable even when the request is refused. */
export interface Envelope {
  /** The operation name after `AWSLicenseManager.`, as sent ('' when missing). */
  target: string;
  region: string;
  signed: boolean;
  /**
   * The account calling, when the access key ID is exactly 12 digits: the emulator's convention, so
   * that a test can play a grantee (any other key acts as the emulator's own account, the issuer).
   */
  account: string | undefined;
}

export interface ParsedRequest {
  operation: OperationName;
  region: string;
  input: Record<string, unknown>;
}

export function readEnvelope(headers: IncomingHttpHeaders): Envelope {
  const rawTarget = String(headers['x-amz-target'] ?? '');
  const target = rawTarget.startsWith(TARGET_PREFIX) ? rawTarget.slice(TARGET_PREFIX.length) : rawTarget;
  const authorization = headers.authorization;
  const scope = /Credential=[^/,\s]+\/\d{8}\/([^/]+)\//.exec(authorization ?? '');
  const key = /Credential=([^/,\s]+)\//.exec(authorization ?? '')?.[1];
  const account = key !== undefined && /^\d{12}$/.test(key) ? key : undefined;
  return { target, region: scope?.[1] ?? FALLBACK_REGION, signed: Boolean(authorization), account };
}

/** Checks the envelope and the body in the order the service does: signature, target, JSON. */
export function parseRequest(envelope: Envelope, headers: IncomingHttpHeaders, body: string): Outcome<ParsedRequest> {
  if (!envelope.signed) return fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const rawTarget = String(headers['x-amz-target'] ?? '');
  if (!rawTarget.startsWith(TARGET_PREFIX) || !isOperationName(envelope.target)) {
    return fail('UnknownOperationException', `Unknown operation ${rawTarget || '(no X-Amz-Target header)'}`);
  }
  const input = parseBody(body);
  if (input === undefined) return fail('SerializationException', 'The request body is not a JSON object');
  return ok({ operation: envelope.target, region: envelope.region, input });
}

function parseBody(body: string): Record<string, unknown> | undefined {
  if (body.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(body);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes an AWS error: `__type`, `message` (and `Message`, the model's member), extra members,
 * `x-amzn-ErrorType`, with the dialect's status. Under `sdk-model` a redirect's `Location`
 * travels as a header (the JS SDK's model binds it there), otherwise in the body. Returns the status sent.
 */
export function sendError(res: ServerResponse, error: ServiceError, dialect: Dialect): number {
  const status = statusFor(error.type, dialect);
  const inHeaders = dialect.statusCodes === 'sdk-model' && error.type === 'RedirectException';
  const { Location, ...extra } = error.extra ?? {};
  const body = {
    __type: error.type,
    message: error.message,
    Message: error.message,
    ...extra,
    ...(Location !== undefined && !inHeaders ? { Location } : {}),
  };
  const headers: Record<string, string> = { 'x-amzn-ErrorType': error.type };
  if (Location !== undefined && inHeaders) headers.Location = Location;
  send(res, status, JSON.stringify(body), headers);
  return status;
}

/** Writes the 503 a load balancer gives when the service behind it is gone: HTML, not JSON. */
export function sendUnavailable(res: ServerResponse): void {
  send(res, 503, '<html><body><h1>503 Service Unavailable</h1></body></html>\n', { 'Content-Type': 'text/html' });
}

/** Writes an answer: AWS JSON 1.1 (or the Content-Type `headers` give) with its length and a request ID. */
export function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  res.end(text);
}
