/**
 * One License Manager client per region, created on first use. Commands that
 * make no calls (validate, --version) never load this module, nor the SDK.
 */
import { LicenseManagerClient } from './sdk.js';
import { pace, rateControl, type Pace } from './throttling.js';
import { attemptDeadline } from './deadline.js';
import type { LicenseError } from '../reconcile/errors.js';

/** A call that failed, as `ClientPool.call` answers it. */
export type Failed = { ok: false; error: LicenseError; attempts?: number };

export interface AwsOptions {
  /** Overrides the endpoint (else the SDK's own settings, e.g. AWS_ENDPOINT_URL_LICENSE_MANAGER). */
  endpoint?: string;
  /** Attempts per call including retries (RateLimitExceeded, 5xx, dropped connections). */
  maxAttempts?: number;
  /** Time-out of one HTTP attempt, in milliseconds. */
  timeoutMs?: number;
  /** Sockets kept open per region; match the run's concurrency. */
  maxSockets?: number;
  /** Calls a second per region at most (throttling lowers the pace further: the SDK's adaptive retry mode). */
  maxRps?: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_TIMEOUT_MS = 30_000;

export class ClientPool {
  private readonly clients = new Map<string, LicenseManagerClient>();
  private readonly paces = new Map<string, Pace>();

  constructor(private readonly options: AwsOptions = {}) {}

  /**
   * The region's client. `single` gives one that never retries on its own, for
   * writes whose retry must be decided by reading state first (CreateLicense).
   */
  async client(region: string, attempts: 'retrying' | 'single' = 'retrying'): Promise<LicenseManagerClient> {
    const key = attempts === 'single' ? `${region}\u0000single` : region;
    const existing = this.clients.get(key);
    if (existing) return existing;
    const created = new LicenseManagerClient(this.clientConfig(region, attempts === 'single' ? 1 : undefined));
    const stack = created.middlewareStack;
    stack.add(rateControl(this.pace(region)), {
      step: 'finalizeRequest',
      priority: 'low',
      name: 'licenseGitopsRateControl',
    });
    stack.add(attemptDeadline(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS), {
      step: 'deserialize',
      priority: 'low',
      name: 'licenseGitopsAttemptDeadline',
    });
    this.clients.set(key, created);
    return created;
  }

  /**
   * Runs one call in `region` and reads its answer; a failure is an error value, worded
   * by `toError`, with the attempts made: never a throw.
   */
  async call<T>(
    region: string,
    toError: (error: unknown) => LicenseError | Promise<LicenseError>,
    run: (client: LicenseManagerClient) => Promise<T>,
    attempts: 'retrying' | 'single' = 'retrying',
  ): Promise<T | Failed> {
    try {
      return await run(await this.client(region, attempts));
    } catch (error) {
      // How many attempts the SDK made, when it says.
      const made = (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
      return { ok: false, error: await toError(error), ...(made ? { attempts: made } : {}) };
    }
  }

  /** With --max-rps, one pace per region, shared by its clients. */
  private pace(region: string): Pace | undefined {
    const { maxRps } = this.options;
    if (maxRps === undefined) return undefined;
    let paced = this.paces.get(region);
    if (!paced) this.paces.set(region, (paced = pace(maxRps)));
    return paced;
  }

  private clientConfig(region: string, attempts?: number) {
    const { endpoint, maxAttempts, timeoutMs = DEFAULT_TIMEOUT_MS, maxSockets = 50 } = this.options;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: attempts ?? maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      // Retries with backoff and jitter, and a sending rate that throttling lowers (throttling.ts marks it).
      retryMode: 'adaptive',
      requestHandler: {
        // Until the headers; deadline.ts bounds the whole attempt, body included. Either fails
        // with TimeoutError, which the SDK retries, so a hung endpoint can't hang a CI job.
        requestTimeout: timeoutMs,
        throwOnRequestTimeout: true,
        socketTimeout: timeoutMs,
        connectionTimeout: Math.min(timeoutMs, 10_000),
        httpAgent: { keepAlive: true, maxSockets },
        httpsAgent: { keepAlive: true, maxSockets },
      },
    };
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}

/** What paging through a List* call read. */
export interface Pages {
  /** The listed members of every page read, in order. */
  items: unknown[];
  /** The service answered a NextToken it had already sent: paging stopped there instead of forever. */
  looped: boolean;
  /** A page after the last one read is left unread (the bound was reached, or the pages looped). */
  more: boolean;
}

/**
 * Every page of a List* call (the SDK has no paginator for them): `page` asks
 * for the one after `NextToken`, and `member` names the list in its answer.
 */
export async function allPages(
  member: string,
  page: (NextToken: string | undefined) => Promise<{ NextToken?: string }>,
  max = Number.POSITIVE_INFINITY,
): Promise<Pages> {
  const items: unknown[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const out = (await page(token)) as { NextToken?: string } & Record<string, unknown>;
    const listed = out[member];
    if (Array.isArray(listed)) items.push(...listed);
    token = out.NextToken || undefined;
    if (token !== undefined && seen.has(token)) return { items, looped: true, more: true };
    if (token !== undefined) seen.add(token);
  } while (token !== undefined && items.length < max);
  return { items, looped: false, more: token !== undefined };
}
