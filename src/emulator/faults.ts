/**
 * Injected faults: what can go wrong between a client and License Manager,
 * on demand. Each fault matches optionally one operation and one LicenseArn,
 * and fires `times` times (unlimited when absent).
 */
import type { Parsed } from './dialect.js';
import type { ErrorType } from './errors.js';
import { isObject } from './form.js';
import { isOperationName, type OperationName } from './shapes.js';

/** The kinds of fault. A closed vocabulary. */
export const FAULT_KINDS = [
  /** Answer 400 RateLimitExceededException; nothing is handled. */
  'throttle',
  /** Answer 500 ServerInternalException; nothing is handled. */
  'internal',
  /** Answer 503 with a non-JSON (HTML) body, like a load balancer; nothing is handled. */
  'unavailable',
  /** Delay the matching response by `ms`, then handle it normally. Combines with every other fault. */
  'latency',
  /** Handle the request (commit the write), then destroy the socket without answering: a lost reply. */
  'drop-reply',
  /**
   * Just before a matching CreateLicenseVersion or DeleteLicense, another writer commits a version (metadata
   * `ChangedBy=<changedBy>`); before a CreateGrantVersion or DeleteGrant, the grantee accepts the grant (a new
   * version). Either way the request's pin is stale.
   */
  'concurrent-write',
  /** Answer 400 AccessDeniedException; nothing is handled. */
  'access-denied',
  /** Answer 400 ResourceNotFoundException (or the dialect's form for an unknown ARN); nothing is handled. */
  'not-found',
  /** Answer the error `error` names (one the service gives for a request it won't accept); nothing is handled. */
  'reject',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

/** The errors a `reject` fault can answer: refusals that retrying can't fix. */
const REJECTIONS: readonly ErrorType[] = [
  'ValidationException',
  'InvalidParameterValueException',
  'InvalidResourceStateException',
  'ResourceLimitExceededException',
];

/** One fault to inject. */
export interface FaultSpec {
  kind: FaultKind;
  /** Only requests for this operation; every operation when absent. */
  operation?: OperationName;
  /** Only requests whose LicenseArn is this (or, for ListLicenses, whose LicenseArns include it); every request when absent. */
  licenseArn?: string;
  /** How many times it fires before it is used up; unlimited when absent. */
  times?: number;
  /** `latency` only: the delay in milliseconds. */
  ms?: number;
  /** `concurrent-write` only: the `ChangedBy` metadata value the other writer sets (default `someone-else`). */
  changedBy?: string;
  /** `reject` only: the error answered (default ValidationException). */
  error?: ErrorType;
}

/** What the faults decide for one request: a total extra delay and at most one fault that changes the answer. */
interface FaultPlan {
  delayMs: number;
  fault?: FaultSpec;
}

export class FaultSet {
  #armed: Array<{ spec: FaultSpec; remaining: number }> = [];

  /** Arms a fault. Throws a TypeError naming the problem if the spec is malformed. */
  add(spec: FaultSpec): void {
    const parsed = parseFaultSpec(spec, 'fault');
    if (!parsed.ok) throw new TypeError(parsed.message);
    this.#armed.push({ spec: parsed.value, remaining: parsed.value.times ?? Number.POSITIVE_INFINITY });
  }

  /** Disarms every fault. */
  clear(): void {
    this.#armed = [];
  }

  /** Disarms every fault, then arms these. */
  replace(specs: readonly FaultSpec[]): void {
    this.clear();
    for (const spec of specs) this.add(spec);
  }

  /** The faults still armed, with `times` set to what remains of them. */
  list(): FaultSpec[] {
    return this.#armed.map(({ spec, remaining }) =>
      Number.isFinite(remaining) ? { ...spec, times: remaining } : { ...spec },
    );
  }

  /**
   * The plan for one request, using up what fires: every matching `latency`
   * adds its delay, and the first other matching fault (in arming order) fires.
   * `licenseArns` are the ARNs a ListLicenses asked for.
   */
  take(operation: OperationName, licenseArn: string | undefined, licenseArns: readonly string[]): FaultPlan {
    const plan: FaultPlan = { delayMs: 0 };
    for (const armed of this.#armed) {
      if (!matches(armed.spec, operation, licenseArn, licenseArns)) continue;
      if (armed.spec.kind === 'latency') {
        plan.delayMs += armed.spec.ms ?? 0;
      } else if (plan.fault) {
        continue;
      } else {
        plan.fault = armed.spec;
      }
      armed.remaining -= 1;
    }
    this.#armed = this.#armed.filter((armed) => armed.remaining > 0);
    return plan;
  }
}

function matches(
  spec: FaultSpec,
  operation: OperationName,
  licenseArn: string | undefined,
  licenseArns: readonly string[],
): boolean {
  if (spec.operation !== undefined && spec.operation !== operation) return false;
  if (spec.kind === 'concurrent-write' && !PINNED_WRITES.includes(operation)) return false;
  return spec.licenseArn === undefined || spec.licenseArn === licenseArn || licenseArns.includes(spec.licenseArn);
}

/** The pinned writes a `concurrent-write` can get in front of. */
const PINNED_WRITES: readonly string[] = ['CreateLicenseVersion', 'DeleteLicense', 'CreateGrantVersion', 'DeleteGrant'];

/** Checks an untrusted fault spec (from a seed file or a test); `where` starts the message. */
export function parseFaultSpec(value: unknown, where: string): Parsed<FaultSpec> {
  const bad = (message: string) => ({ ok: false as const, message: `${where}: ${message}` });
  if (!isObject(value)) return bad('a fault must be an object');
  const spec = value;
  if (!FAULT_KINDS.includes(spec.kind as FaultKind))
    return bad(`kind must be one of ${FAULT_KINDS.join(', ')} (got ${JSON.stringify(spec.kind)})`);
  if (spec.operation !== undefined && !(typeof spec.operation === 'string' && isOperationName(spec.operation))) {
    return bad(`operation ${JSON.stringify(spec.operation)} is not an operation the emulator serves`);
  }
  if (spec.licenseArn !== undefined && typeof spec.licenseArn !== 'string') return bad('licenseArn must be a string');
  if (spec.times !== undefined && !(Number.isInteger(spec.times) && (spec.times as number) >= 1))
    return bad('times must be an integer >= 1');
  if (spec.kind === 'latency' && !(typeof spec.ms === 'number' && spec.ms >= 0))
    return bad('a latency fault needs ms >= 0');
  if (spec.changedBy !== undefined && typeof spec.changedBy !== 'string') return bad('changedBy must be a string');
  if (spec.error !== undefined && !REJECTIONS.includes(spec.error as ErrorType))
    return bad(`error must be one of ${REJECTIONS.join(', ')}`);
  const known = ['kind', 'operation', 'licenseArn', 'times', 'ms', 'changedBy', 'error'];
  const unknown = Object.keys(spec).filter((k) => !known.includes(k));
  if (unknown.length > 0) return bad(`unknown member(s) ${unknown.join(', ')}; a fault has ${known.join(', ')}`);
  return { ok: true, value: { ...spec } as unknown as FaultSpec };
}
