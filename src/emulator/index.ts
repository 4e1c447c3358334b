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
import { parseSeed, seededLicense, type Seed, type SeedLicense } from './seed.js';
import { createEmulatorServer } from './server.js';
import { LicenseStore } from './store.js';
import { UsageStore } from './usage.js';
import { TagStore, type Tag } from './tags.js';
import type { DeleteDialect } from './delete.js';

export type { CallOutcome, CallRecord, CallStats } from './calls.js';
export type { ErrorType } from './errors.js';
export {
  allDialects,
  DEFAULT_DIALECT,
  describeDialect,
  DIALECT_CHOICES,
  parseDialect,
  type Dialect,
} from './dialect.js';
export { FAULT_KINDS, type FaultKind, type FaultSpec } from './faults.js';
export { answerForm, canonicalInstant, type License } from './form.js';
export { OPERATIONS, type OperationName } from './shapes.js';
export { parseSeed, readSeedFile, type Seed, type SeedLicense } from './seed.js';
export type { Grant, GrantVersionMismatch } from './grant-store.js';
export { ALLOWED_OPERATIONS, GRANT_STATUSES } from './grant-shapes.js';
export type { Tag } from './tags.js';
export type { DeleteDialect } from './delete.js';

export const DEFAULT_ACCOUNT_ID = '123456789012';

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

/** Turning faults on and off at runtime. */
export type FaultControl = Pick<FaultSet, 'add' | 'clear' | 'replace' | 'list'>;

/** Reading the licenses (every accessor returns copies). */
export type StoreView = Pick<LicenseStore, 'size' | 'has' | 'get' | 'history' | 'list'>;

/** Reading the grants (every accessor returns copies). */
export type GrantView = Pick<GrantStore, 'get' | 'history' | 'list'>;

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
  readonly faults: FaultControl;
  readonly store: StoreView;
  /** The dialect it answers in. */
  readonly dialect: Readonly<Dialect>;
  /** Adds (or replaces) licenses as a seed would; a license's `Tags` ([{Key, Value}]) become its tags. Throws on a malformed license. */
  addLicenses(licenses: SeedLicense[]): void;
  /** Sets what the customer has checked out of a license's entitlements (GetLicenseUsage's ConsumedValue). */
  setUsage(arn: string, consumed: Readonly<Record<string, number>>): void;
  /** The tags of a resource (copies). */
  tagsOf(arn: string): Tag[];
  readonly grants: GrantView;
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
    const parsed = parseSeed({ licenses }, 'emulator seed');
    if (!parsed.ok) throw new Error(parsed.message);
    for (const { Tags, Usage, ...license } of parsed.value.licenses) {
      const { current, older } = seededLicense(license as SeedLicense);
      store.insert(current, older);
      if (Array.isArray(Tags)) tags.tag(license.LicenseArn, Tags as Tag[]);
      if (Usage !== undefined) usage.set(license.LicenseArn, Usage as Record<string, number>);
    }
  };
  const addGrants = (seeded: Array<Partial<Grant>>): void => {
    const parsed = parseSeed({ licenses: [], grants: seeded }, 'emulator seed');
    if (!parsed.ok) throw new Error(parsed.message);
    for (const grant of parsed.value.grants ?? [])
      grants.insert(seededGrant(grant, store.get(String(grant.LicenseArn))?.HomeRegion));
  };
  if (options.seed) {
    const parsed = parseSeed(options.seed, 'emulator seed');
    if (!parsed.ok) throw new Error(parsed.message);
    addLicenses(parsed.value.licenses);
    addGrants(parsed.value.grants ?? []);
    faults.replace(parsed.value.faults ?? []);
  }
  const dialect: Dialect = { ...DEFAULT_DIALECT, ...options.seed?.dialect, ...options.dialect };
  const maxLicenseArns = options.maxLicenseArns ?? options.seed?.maxLicenseArns;
  const deps = {
    store,
    grants,
    faults,
    log,
    ledger: new IdempotencyLedger(),
    tags,
    usage,
    dialect,
    ...(maxLicenseArns !== undefined ? { maxLicenseArns } : {}),
    latencyMs: options.latencyMs ?? 0,
    ...(options.deleteDialect ? { deleteDialect: options.deleteDialect } : {}),
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
    close: () => closeServer(server, stop),
  };
}

function closeServer(server: import('node:http').Server, stop: () => void): Promise<void> {
  stop();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
