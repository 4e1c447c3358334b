/**
 * ClientToken idempotency. A write records its token, a fingerprint of its
 * parameters and its answer at commit time, so a retry after a lost reply
 * gets the original answer rather than a conflict.
 */
import { fail, ok, type Outcome } from './errors.js';

interface Entry {
  fingerprint: string;
  response: Record<string, unknown>;
}

/** What a token tells about a request. */
export type Recall =
  /** The token is new: handle the request. */
  | { kind: 'new' }
  /** The same request was committed before: answer `response` again, change nothing. */
  | { kind: 'replay'; response: Record<string, unknown> }
  /** The token was used with other parameters: answer the ValidationException. */
  | { kind: 'mismatch'; outcome: Outcome<never> };

export class IdempotencyLedger {
  /** Keyed by operation and token: a token reused across operations is not a replay. */
  readonly #entries = new Map<string, Entry>();

  recall(operation: string, input: Record<string, unknown>): Recall {
    const token = input.ClientToken;
    if (typeof token !== 'string') return { kind: 'new' };
    const entry = this.#entries.get(key(operation, token));
    if (!entry) return { kind: 'new' };
    if (entry.fingerprint === fingerprint(input)) return { kind: 'replay', response: { ...entry.response } };
    const message = `ClientToken ${token} was already used for a ${operation} request with different parameters (idempotency mismatch)`;
    return { kind: 'mismatch', outcome: fail('ValidationException', message) };
  }

  /** Records a committed write's answer under its token. Returns the answer as an Outcome. */
  remember(
    operation: string,
    input: Record<string, unknown>,
    response: Record<string, unknown>,
  ): Outcome<Record<string, unknown>> {
    const token = input.ClientToken;
    if (typeof token === 'string') {
      this.#entries.set(key(operation, token), { fingerprint: fingerprint(input), response: { ...response } });
    }
    return ok(response);
  }
}

function key(operation: string, token: string): string {
  return `${operation}\u0000${token}`;
}

/** The request's parameters except ClientToken, as JSON with sorted keys. */
function fingerprint(input: Record<string, unknown>): string {
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
