/**
 * The operations, on plain data: input in, Outcome out. No HTTP here. Tags,
 * usage and grants have their handlers in their own files.
 */
import type { Dialect } from './dialect.js';
import { fail, notFound, ok, redirect, type Outcome } from './errors.js';
import type { License } from './form.js';
import type { GrantStore } from './grant-store.js';
import { GRANT_HANDLERS } from './grants.js';
import type { IdempotencyLedger } from './idempotency.js';
import { paginate, passes, unknownFilter, type Filter, type FilterTable } from './list.js';
import { INPUT_SHAPES, type OperationName } from './shapes.js';
import { isGone, type LicenseStore, type VersionedStore } from './store.js';
import { TAG_HANDLERS, type Tag, type TagStore } from './tags.js';
import { getLicenseUsage, type UsageStore } from './usage.js';
import { firstViolation, outOfBounds } from './validate.js';

/** What DeleteLicense leaves behind; the API reference doesn't say, so the emulator can answer each way. */
export type DeleteDialect =
  /** The license reads DELETED at once (the default). */
  | 'deleted'
  /** The license reads PENDING_DELETE (and stays so; the emulator runs no clock for it). */
  | 'pending'
  /** The license is gone at once: reads and writes of it answer as for an unknown ARN (the `unknownArn` dialect). */
  | 'vanishes';

/** What a handler may use: the stores, the idempotency ledger, the dialect, the region the client called and who called. */
export interface OperationContext {
  store: LicenseStore;
  grants: GrantStore;
  ledger: IdempotencyLedger;
  tags: TagStore;
  usage: UsageStore;
  /** How DeleteLicense answers (the service is undocumented here). */
  deleteDialect?: DeleteDialect;
  /** How the behaviours the API reference leaves open are answered. */
  dialect: Dialect;
  /** The most LicenseArns one ListLicenses accepts; unlimited when absent. */
  maxLicenseArns?: number;
  region: string;
  /** The calling account (see `Envelope.account` in protocol.ts). */
  caller: string;
}

export type Input = Record<string, unknown>;
export type Answer = Outcome<Record<string, unknown>>;
export type Handler = (input: Input, ctx: OperationContext) => Answer;

const HANDLERS: Record<OperationName, Handler> = {
  CreateLicense: createLicense,
  CreateLicenseVersion: createLicenseVersion,
  GetLicense: (input, ctx) => readVersion('License', ctx.store, input, (arn) => unknownLicense(arn, ctx.dialect)),
  ListLicenses: listLicenses,
  ListLicenseVersions: listLicenseVersions,
  DeleteLicense: deleteLicense,
  GetGrant: (input, ctx) => readVersion('Grant', ctx.grants, input, (arn) => notFound(`Grant ${arn}`)),
  ...GRANT_HANDLERS,
  ...TAG_HANDLERS,
  GetLicenseUsage: getLicenseUsage,
};

/**
 * Validates `input` against the operation's model shape, then handles it: once per ClientToken for
 * the writes whose shape takes one, unless the dialect ignores tokens.
 */
export function runOperation(operation: OperationName, input: Input, ctx: OperationContext): Answer {
  const shape = INPUT_SHAPES[operation];
  const violation = firstViolation(shape, input);
  if (violation !== undefined) return fail('ValidationException', violation);
  const handle = () => HANDLERS[operation](input, ctx);
  return Object.hasOwn(shape.members, 'ClientToken') && ctx.dialect.clientToken !== 'ignore'
    ? ctx.ledger.run(operation, input, handle)
    : handle();
}

function createLicense(input: Input, ctx: OperationContext): Answer {
  const license = ctx.store.create(input);
  if (Array.isArray(input.Tags)) ctx.tags.tag(license.LicenseArn, input.Tags as Tag[]);
  return ok({ LicenseArn: license.LicenseArn, Status: license.Status, Version: license.Version });
}

function createLicenseVersion(input: Input, ctx: OperationContext): Answer {
  const arn = input.LicenseArn as string;
  const refused = refuseWrite(arn, input.SourceVersion, ctx);
  if (refused) return refused;
  const license = ctx.store.createVersion(arn, input);
  return ok({ LicenseArn: arn, Version: license.Version, Status: license.Status });
}

/** GetLicense and GetGrant: `{[kind]: the asked-for Version, or the current one}`; `unknown` answers an ARN the store lacks. */
function readVersion<T extends { Version: string }>(
  kind: 'License' | 'Grant',
  store: VersionedStore<T>,
  input: Input,
  unknown: (arn: string) => Answer,
): Answer {
  const arn = input[`${kind}Arn`] as string;
  const version = input.Version as string | undefined;
  const found = store.get(arn, version);
  if (found) return ok({ [kind]: found });
  if (version !== undefined && store.has(arn))
    return fail('ResourceNotFoundException', `${kind} ${arn} has no version ${version}`);
  return unknown(arn);
}

/** Filter names ListLicenses understands, and where each looks. */
const LICENSE_FILTERS: FilterTable<License> = {
  Beneficiary: (license) => license.Beneficiary,
  ProductSKU: (license) => license.ProductSKU,
  Fingerprint: (license) => (license.Issuer as Record<string, unknown> | undefined)?.KeyFingerprint,
  Status: (license) => license.Status,
};

/** How ListLicenses words too many LicenseArns: without the value, the member in camelCase. */
const licenseArnsViolation = (constraint: string): string =>
  `1 validation error detected: Value at 'licenseArns' failed to satisfy constraint: ${constraint}`;

function listLicenses(input: Input, ctx: OperationContext): Answer {
  const filters = (input.Filters ?? []) as Filter[];
  const refused = unknownFilter(filters, LICENSE_FILTERS);
  if (refused) return refused;
  const arns = input.LicenseArns as string[] | undefined;
  const tooMany = arns && outOfBounds(arns.length, 'length', { max: ctx.maxLicenseArns }, licenseArnsViolation);
  if (tooMany) return fail('ValidationException', tooMany);
  const wanted = arns && new Set(arns);
  const selected = ctx.store
    .scan()
    .filter((license) => (!wanted || wanted.has(license.LicenseArn)) && passes(license, filters, LICENSE_FILTERS, ctx));
  // Not copied: the server writes the answer out as JSON at once, and nothing changes it before.
  return paginate('Licenses', selected, input, ['ListLicenses', arns ?? null, filters]);
}

function listLicenseVersions(input: Input, ctx: OperationContext): Answer {
  const arn = input.LicenseArn as string;
  const versions = ctx.store.history(arn);
  if (!versions) return unknownLicense(arn, ctx.dialect);
  return paginate('Licenses', versions, input, ['ListLicenseVersions', arn]);
}

/** DeleteLicense, pinned by SourceVersion, answering in the delete dialect. */
function deleteLicense(input: Input, ctx: OperationContext): Answer {
  const arn = input.LicenseArn as string;
  const refused = refuseWrite(arn, input.SourceVersion, ctx);
  if (refused) return refused;
  if (ctx.deleteDialect === 'vanishes') return ok({ Status: 'DELETED', DeletionDate: ctx.store.forget(arn) });
  const status = ctx.deleteDialect === 'pending' ? 'PENDING_DELETE' : 'DELETED';
  return ok({ Status: status, DeletionDate: ctx.store.markDeleted(arn, status) });
}

/** Why a write to a license must be refused: unknown, wrong region, deleted, or a stale SourceVersion. */
function refuseWrite(arn: string, sourceVersion: unknown, ctx: OperationContext): Answer | undefined {
  const current = ctx.store.get(arn);
  if (!current) return unknownLicense(arn, ctx.dialect);
  if (current.HomeRegion !== ctx.region) return redirect(`License ${arn}`, current.HomeRegion, ctx.region);
  if (isGone(current.Status))
    return fail('ValidationException', `License ${arn} is ${String(current.Status)} and cannot be changed`);
  if (sourceVersion === undefined || sourceVersion === current.Version) return undefined;
  if (ctx.dialect.stalePin === 'validation') {
    return fail(
      'ValidationException',
      `The version provided ${String(sourceVersion)} doesn't match the latest version ${String(current.Version)}`,
    );
  }
  return fail(
    'ConflictException',
    `License ${arn} is at version ${current.Version}; the request was based on version ${String(sourceVersion)}`,
  );
}

/** An ARN this account can't see, in the dialect's words. */
export function unknownLicense<T = never>(arn: string, dialect: Dialect): Outcome<T> {
  return dialect.unknownArn === 'validation'
    ? fail('ValidationException', `Invalid license ARN ${arn}`)
    : notFound(`License ${arn}`);
}
