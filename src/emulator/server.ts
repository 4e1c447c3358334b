/**
 * The HTTP server: each request goes envelope → faults → latency → operation →
 * answer, and is logged. Delays are timers, so thousands of requests can wait
 * at once on hundreds of keep-alive connections.
 */
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallLog, CallOutcome, CallRecord } from './calls.js';
import { fail, type ErrorType } from './errors.js';
import type { FaultSet, FaultSpec } from './faults.js';
import { runOperation, unknownLicense, type Answer, type Input, type OperationContext } from './operations.js';
import { parseRequest, readEnvelope, send, sendError, sendUnavailable } from './protocol.js';
import type { OperationName } from './shapes.js';

/** What the server works with. `latencyMs` applies to every request. */
export interface ServerDeps extends Omit<OperationContext, 'region' | 'caller'> {
  faults: FaultSet;
  log: CallLog;
  latencyMs: number;
}

/** How a request is answered: with an answer, the 503 of the `unavailable` fault, or not at all (`drop-reply`). */
type Reply = Answer | 'unavailable' | 'drop';

/** An http.Server serving License Manager; `stop` aborts pending delays. */
export function createEmulatorServer(deps: ServerDeps): { server: Server; stop: () => void } {
  const stopping = new AbortController();
  setMaxListeners(0, stopping.signal); // one listener per delayed request, thousands at once
  const server = createServer({ keepAlive: true }, (req, res) => {
    serve(req, res, deps, stopping.signal).catch((error: unknown) => {
      if (stopping.signal.aborted) res.destroy();
      else sendError(res, { type: 'ServerInternalException', message: `emulator bug: ${String(error)}` }, deps.dialect);
    });
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  return { server, stop: () => stopping.abort() };
}

async function serve(req: IncomingMessage, res: ServerResponse, deps: ServerDeps, signal: AbortSignal): Promise<void> {
  const started = performance.now();
  const seq = deps.log.arrive();
  const body = await readBody(req);
  const envelope = readEnvelope(req.headers);
  const parsed = parseRequest(envelope, req.headers, body);
  const base = { seq, operation: envelope.target, region: envelope.region };
  if (!parsed.ok) {
    await delay(deps.latencyMs, signal);
    deps.log.finish(finished(base, {}, deliver(res, parsed, deps), undefined, started));
    return;
  }
  const { operation, region, input } = parsed.value;
  const plan = deps.faults.take(operation, stringMember(input, 'LicenseArn'), stringList(input, 'LicenseArns'));
  await delay(deps.latencyMs + plan.delayMs, signal);
  const caller = envelope.account ?? deps.store.accountId;
  const reply = replyTo(operation, input, plan.fault, { ...deps, region, caller });
  const error = deliver(res, reply, deps);
  deps.log.finish(finished(base, input, error, plan.fault, started, reply === 'drop'));
}

/** Decides the reply: an injected fault, or the operation's own answer. */
function replyTo(operation: OperationName, input: Input, fault: FaultSpec | undefined, ctx: OperationContext): Reply {
  switch (fault?.kind) {
    case 'throttle':
      return fail('RateLimitExceededException', 'Rate exceeded');
    case 'internal':
      return fail('ServerInternalException', 'An internal error occurred (injected fault)');
    case 'access-denied':
      return fail('AccessDeniedException', `User is not authorized to perform license-manager:${operation}`);
    case 'not-found':
      return unknownLicense(stringMember(input, 'LicenseArn') ?? '(none)', ctx.dialect);
    case 'reject': {
      const type: ErrorType = fault.error ?? 'ValidationException';
      return fail(type, `The request was refused (injected ${type})`);
    }
    case 'unavailable':
      return 'unavailable';
    case 'concurrent-write':
      // A grant's other writer is its grantee, accepting it (or, once accepted, a new version as it is).
      if (typeof input.GrantArn === 'string') ctx.grants.commitAsGrantee(input.GrantArn);
      else ctx.store.commitAsOtherWriter(String(input.LicenseArn), fault.changedBy ?? 'someone-else');
      return runOperation(operation, input, ctx);
    case 'drop-reply':
      runOperation(operation, input, ctx);
      return 'drop';
    default:
      return runOperation(operation, input, ctx);
  }
}

/** Sends the reply; returns the error answered, if any (or a 503 marker). */
function deliver(res: ServerResponse, reply: Reply, deps: ServerDeps): { type: string; status: number } | undefined {
  if (reply === 'drop') {
    res.socket?.destroy();
    return undefined;
  }
  if (reply === 'unavailable') {
    sendUnavailable(res);
    return { type: 'ServiceUnavailable', status: 503 };
  }
  if (!reply.ok) return { type: reply.error.type, status: sendError(res, reply.error, deps.dialect) };
  send(res, 200, JSON.stringify(reply.value));
  return undefined;
}

function finished(
  base: Pick<CallRecord, 'seq' | 'operation' | 'region'>,
  input: Input,
  error: { type: string; status: number } | undefined,
  fault: FaultSpec | undefined,
  started: number,
  dropped = false,
): CallRecord {
  const outcome: CallOutcome = dropped ? 'dropped' : error ? 'error' : 'ok';
  const record: CallRecord = { ...base, outcome, arrivedAt: started, durationMs: performance.now() - started };
  const optional = {
    licenseArn: stringMember(input, 'LicenseArn'),
    grantArn: stringMember(input, 'GrantArn'),
    version: stringMember(input, 'Version'),
    clientToken: stringMember(input, 'ClientToken'),
    sourceVersion: stringMember(input, 'SourceVersion'),
    licenseArns: base.operation === 'ListLicenses' ? stringList(input, 'LicenseArns') : undefined,
    status: dropped ? undefined : (error?.status ?? 200),
    errorType: error?.type,
    fault: fault?.kind,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (record as unknown as Record<string, unknown>)[key] = value;
  }
  return record;
}

/** Waits on a timer (never blocks); no wait at all for 0 ms. Rejects when the server stops. */
async function delay(ms: number, signal: AbortSignal): Promise<void> {
  if (ms > 0) await sleep(ms, undefined, { signal });
}

function stringList(input: Input, name: string): string[] {
  const value = input[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function stringMember(input: Input, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' ? value : undefined;
}

const MAX_BODY_BYTES = 1_048_576;

/** The request body as text; destroys the connection past 1 MiB. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body over 1 MiB'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
