/**
 * One License Manager client per region, created on first use. The AWS SDK is
 * loaded lazily so commands that make no calls (validate, --version) start fast.
 */
import type { LicenseManagerClient } from '@aws-sdk/client-license-manager';
import { AdaptiveRateLimiter } from './rate-limiter.js';
import { rateControlled } from './throttling.js';
import { attemptDeadlined } from './deadline.js';

export interface AwsOptions {
  /** Overrides the endpoint (else the SDK's own settings, e.g. AWS_ENDPOINT_URL_LICENSE_MANAGER). */
  endpoint?: string;
  /** Attempts per call including retries (RateLimitExceeded, 5xx, dropped connections). */
  maxAttempts?: number;
  /** Time-out of one HTTP attempt, in milliseconds. */
  timeoutMs?: number;
  /** Sockets kept open per region; match the run's concurrency. */
  maxSockets?: number;
  /** Calls a second per region at most (throttling lowers the pace further). */
  maxRps?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_TIMEOUT_MS = 30_000;

type Sdk = typeof import('@aws-sdk/client-license-manager');

export class ClientPool {
  private readonly clients = new Map<string, LicenseManagerClient>();
  private sdk: Promise<Sdk> | undefined;

  constructor(private readonly options: AwsOptions = {}) {}

  /** The SDK module, loaded once. */
  module(): Promise<Sdk> {
    // The SDK warns on every Node 20 run that *future* SDK releases will need Node 22.
    // This tool supports Node >= 20.19 with the SDK its lockfile pins, so the warning is noise
    // on stderr (where CI users read errors). A user's own setting wins.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.sdk ??= import('@aws-sdk/client-license-manager');
    return this.sdk;
  }

  async client(region: string): Promise<LicenseManagerClient> {
    const existing = this.clients.get(region);
    if (existing) return existing;
    const { LicenseManagerClient } = await this.module();
    const again = this.clients.get(region); // another caller may have won the race
    if (again) return again;
    const created = new LicenseManagerClient(this.clientConfig(region));
    created.middlewareStack.use(rateControlled(new AdaptiveRateLimiter(this.options.maxRps)));
    created.middlewareStack.use(attemptDeadlined(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
    this.clients.set(region, created);
    return created;
  }

  private clientConfig(region: string) {
    const { endpoint, maxAttempts, timeoutMs, maxSockets } = this.options;
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      // Resolve each command's middleware stack once, not on every call: a tenth of the CPU per call.
      cacheMiddleware: true,
      // Pacing is ours (rate-limiter.ts, one per region); the SDK retries with backoff and jitter.
      retryMode: 'standard',
      requestHandler: {
        // Until the headers; deadline.ts bounds the whole attempt, body included. Either fails
        // with TimeoutError, which the SDK retries, so a hung endpoint can't hang a CI job.
        requestTimeout: timeoutMs ?? DEFAULT_TIMEOUT_MS,
        throwOnRequestTimeout: true,
        socketTimeout: timeoutMs ?? DEFAULT_TIMEOUT_MS,
        connectionTimeout: Math.min(timeoutMs ?? DEFAULT_TIMEOUT_MS, 10_000),
        httpAgent: { keepAlive: true, maxSockets: maxSockets ?? 50 },
        httpsAgent: { keepAlive: true, maxSockets: maxSockets ?? 50 },
      },
    };
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
