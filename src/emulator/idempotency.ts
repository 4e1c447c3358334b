/**
 * ClientToken idempotency. A write records its token, a fingerprint of its
 * parameters and its answer at commit time, so a retry after a lost reply
 * gets the original answer rather than a conflict.
 */
import { fail, ok } from './errors.js';
import type { Answer, Input } from './operations.js';

interface Entry {
  fingerprint: string;
  response: Record<string, unknown>;
}

export class IdempotencyLedger {
  /** Keyed by operation and token: a token reused across operations is not a replay. */
  readonly #entries = new Map<string, Entry>();

  /**
   * Handles a write once per ClientToken: the same request again gets the first
   * answer and changes nothing; the token with other parameters gets a
   * ValidationException. Only answers that committed are recorded.
   */
  run(operation: string, input: Input, write: () => Answer): Answer {
    const token = input.ClientToken;
    if (typeof token !== 'string') return write();
    const key = `${operation}\u0000${token}`;
    const print = fingerprint(input);
    const entry = this.#entries.get(key);
    if (entry?.fingerprint === print) return ok({ ...entry.response });
    if (entry) {
      const message = `ClientToken ${token} was already used for a ${operation} request with different parameters (idempotency mismatch)`;
      return fail('ValidationException', message);
    }
    const answer = write();
    if (answer.ok) this.#entries.set(key, { fingerprint: print, response: { ...answer.value } });
    return answer;
  }
}

/** The request's parameters except ClientToken, as JSON with sorted keys. */
function fingerprint(input: Input): string {
  const { ClientToken: _token, ...rest } = input;
  return stableJson(rest);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
