/**
 * What the emulator was asked and what it answered, for tests and benchmarks.
 */
import type { FaultKind } from './faults.js';

/** How a call ended. A closed vocabulary. */
export type CallOutcome =
  /** Answered 200 with a JSON body. */
  | 'ok'
  /** Answered with an AWS error (4xx/5xx JSON) or the 503 of the `unavailable` fault. */
  | 'error'
  /** Handled (a write was committed) but never answered: the `drop-reply` fault. */
  | 'dropped';

/** One request, as received and as answered. */
export interface CallRecord {
  /** 1-based arrival order. */
  seq: number;
  /** The operation from X-Amz-Target (as sent, even if unknown; '' when missing). */
  operation: string;
  /** The region from the SigV4 credential scope. */
  region: string;
  licenseArn?: string;
  /** The GrantArn of a grant operation. */
  grantArn?: string;
  /** The Version member (DeleteGrant's pin, or the version GetLicense/GetGrant asked for). */
  version?: string;
  /** The LicenseArns a ListLicenses asked for (empty when it asked for none). */
  licenseArns?: string[];
  clientToken?: string;
  sourceVersion?: string;
  outcome: CallOutcome;
  /** The HTTP status sent; absent when the reply was dropped. */
  status?: number;
  /** The `__type` of an error answer; `ServiceUnavailable` for the 503 of the `unavailable` fault. */
  errorType?: string;
  /** The injected fault that shaped the answer (latency not counted). */
  fault?: FaultKind;
  /** When the request arrived, as `performance.now()` in the emulator's process. */
  arrivedAt: number;
  /** Time from arrival to answer, including injected latency. */
  durationMs: number;
}

/** Counters across all calls since start (or the last reset). */
export interface CallStats {
  requests: number;
  /** Requests received but not yet answered. */
  inFlight: number;
  /** The most requests in flight at once. */
  maxInFlight: number;
  byOperation: Record<string, number>;
  byOutcome: Record<CallOutcome, number>;
}

export class CallLog {
  readonly records: CallRecord[] = [];
  #inFlight = 0;
  #maxInFlight = 0;
  #seq = 0;

  /** Marks a request as arrived; returns its sequence number. */
  arrive(): number {
    this.#inFlight += 1;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
    this.#seq += 1;
    return this.#seq;
  }

  /** Records how an arrived request ended. */
  finish(record: CallRecord): void {
    this.#inFlight -= 1;
    this.records.push(record);
  }

  /** Forgets every record and resets the counters (requests in flight stay counted). */
  reset(): void {
    this.records.length = 0;
    this.#maxInFlight = this.#inFlight;
  }

  stats(): CallStats {
    const byOperation: Record<string, number> = {};
    const byOutcome: Record<CallOutcome, number> = { ok: 0, error: 0, dropped: 0 };
    for (const record of this.records) {
      byOperation[record.operation] = (byOperation[record.operation] ?? 0) + 1;
      byOutcome[record.outcome] += 1;
    }
    return {
      requests: this.records.length,
      inFlight: this.#inFlight,
      maxInFlight: this.#maxInFlight,
      byOperation,
      byOutcome,
    };
  }
}
