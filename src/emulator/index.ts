/**
 * A local AWS License Manager speaking AWS JSON 1.1 over HTTP, for tests and
 * the demo. The real SDK client and the AWS CLI work against it:
 *
 *   const emulator = await startEmulator({ seed });
 *   new LicenseManagerClient({ endpoint: emulator.url, region: 'us-east-1', credentials });
 */
import type { AddressInfo } from 'node:net';
import { CallLog, type CallRecord, type CallStats } from './calls.js';
import { DEFAULT_DIALECT, type Dialect } from './dialect.js';
import { FaultSet } from './faults.js';
import { GrantStore, seededGrant, type Grant, type GrantVersionMismatch } from './grant-store.js';
import { IdempotencyLedger } from './idempotency.js';
import type { DeleteDialect } from './operations.js';
import { checkedSeed, seededLicense, type Seed, type SeedLicense } from './seed.js';
import { createEmulatorServer, type ServerDeps } from './server.js';
import { LicenseStore } from './store.js';
import { UsageStore } from './usage.js';
import { TagStore, type Tag } from './tags.js';

export type { CallRecord } from './calls.js';
export { allDialects, describeDialect, parseDialect, type Dialect } from './dialect.js';
export type { FaultSpec } from './faults.js';
export { answerForm, canonicalInstant } from './form.js';
export { parseSeed, readSeedFile, type Seed, type SeedLicense } from './seed.js';
export type { GrantVersionMismatch } from './grant-store.js';

const DEFAULT_ACCOUNT_ID = '123456789012';
/** How seed errors name a seed given in code. */
const SEED = 'emulator seed';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The account in new ARNs and key fingerprints; default the seed's, else 123456789012. */
  accountId?: string;
  /** Licenses and faults to start with. */
  seed?: Seed;
  /** Delay added to every response, in milliseconds (timers; nothing blocks). */
  latencyMs?: number;
  /** The clock for CreateTime and DeletionDate; default the system clock. */
  now?: () => Date;
  /** How a stale SourceVersion on CreateGrantVersion is answered; default ValidationException. */
  grantVersionMismatch?: GrantVersionMismatch;
  /** What DeleteLicense leaves: DELETED at once (default) or PENDING_DELETE. */
  deleteDialect?: DeleteDialect;
  /** How the behaviours the API reference leaves open are answered (see dialect.ts); over the seed's, over the defaults. */
  dialect?: Partial<Dialect>;
  /** The most LicenseArns one ListLicenses accepts (a ValidationException beyond); unlimited when absent. Over the seed's. */
  maxLicenseArns?: number;
}

export interface Emulator {
  /** `http://host:port`, to pass as the SDK's `endpoint` or the CLI's `--endpoint-url`. */
  readonly url: string;
  readonly port: number;
  readonly accountId: string;
  /** Every finished call, oldest first. A live array: read it, don't keep it across resetCalls. */
  readonly calls: readonly CallRecord[];
  /** Counters over `calls`, plus requests in flight. */
  stats(): CallStats;
  /** Forgets the call log. */
  resetCalls(): void;
  /** Turning faults on and off at runtime. */
  readonly faults: Pick<FaultSet, 'add' | 'clear' | 'replace' | 'list'>;
  /** Reading the licenses (every accessor returns copies). */
  readonly store: Pick<LicenseStore, 'size' | 'has' | 'get' | 'history' | 'list'>;
  /** The dialect it answers in. */
  readonly dialect: Readonly<Dialect>;
  /** Adds (or replaces) licenses as a seed would; a license's `Tags` ([{Key, Value}]) become its tags. Throws on a malformed license. */
  addLicenses(licenses: SeedLicense[]): void;
  /** Sets what the customer has checked out of a license's entitlements (GetLicenseUsage's ConsumedValue). */
  setUsage(arn: string, consumed: Readonly<Record<string, number>>): void;
  /** The tags of a resource (copies). */
  tagsOf(arn: string): Tag[];
  /** Reading the grants (every accessor returns copies). */
  readonly grants: Pick<GrantStore, 'get' | 'history' | 'list'>;
  /** Adds (or replaces) grants as a seed would (GetGrant's form; ParentArn, HomeRegion, GrantStatus and Version have defaults). Throws on a malformed grant. */
  addGrants(grants: Array<Partial<Grant>>): void;
  /** Chooses how DeleteLicense answers from now on. */
  setDeleteDialect(dialect: DeleteDialect): void;
  /** Stops listening, drops open connections and pending delays. */
  close(): Promise<void>;
}

/** Starts an emulator. Throws if the seed is malformed or the port is taken. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const accountId = options.accountId ?? options.seed?.accountId ?? DEFAULT_ACCOUNT_ID;
  const store = new LicenseStore(accountId, options.now);
  const grants = new GrantStore(accountId, options.grantVersionMismatch);
  const faults = new FaultSet();
  const log = new CallLog();
  const tags = new TagStore();
  const usage = new UsageStore();
  const addLicenses = (licenses: SeedLicense[]): void => {
    for (const { Tags, Usage, ...license } of checkedSeed({ licenses }, SEED).licenses) {
      const { current, older } = seededLicense(license as SeedLicense);
      store.insert(current, older);
      if (Array.isArray(Tags)) tags.tag(license.LicenseArn, Tags as Tag[]);
      if (Usage !== undefined) usage.set(license.LicenseArn, Usage as Record<string, number>);
    }
  };
  const addGrants = (seeded: Array<Partial<Grant>>): void => {
    for (const grant of checkedSeed({ licenses: [], grants: seeded }, SEED).grants ?? [])
      grants.insert(seededGrant(grant, store.get(String(grant.LicenseArn))?.HomeRegion));
  };
  if (options.seed) {
    const seed = checkedSeed(options.seed, SEED);
    addLicenses(seed.licenses);
    addGrants(seed.grants ?? []);
    faults.replace(seed.faults ?? []);
  }
  const dialect: Dialect = { ...DEFAULT_DIALECT, ...options.seed?.dialect, ...options.dialect };
  const deps: ServerDeps = {
    store,
    grants,
    faults,
    log,
    ledger: new IdempotencyLedger(),
    tags,
    usage,
    dialect,
    maxLicenseArns: options.maxLicenseArns ?? options.seed?.maxLicenseArns,
    latencyMs: options.latencyMs ?? 0,
    deleteDialect: options.deleteDialect,
  };
  const { server, stop } = createEmulatorServer(deps);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    accountId,
    dialect,
    get calls() {
      return log.records;
    },
    stats: () => log.stats(),
    resetCalls: () => log.reset(),
    faults,
    store,
    grants,
    addLicenses,
    addGrants,
    tagsOf: (arn) => tags.of(arn),
    setUsage: (arn, consumed) => usage.set(arn, consumed),
    setDeleteDialect: (dialect) => {
      deps.deleteDialect = dialect;
    },
    close: () => {
      stop();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
