/**
 * The operations, on plain data: input in, Outcome out. No HTTP here. Tags and
 * grants have their handlers in their own files.
 */
import type { Dialect } from './dialect.js';
import { fail, licenseNotFound, ok, type Outcome } from './errors.js';
import type { License } from './form.js';
import type { GrantStore } from './grant-store.js';
import { GRANT_HANDLERS } from './grants.js';
import type { IdempotencyLedger, Recall } from './idempotency.js';
import { paginate } from './paginate.js';
import { firstViolation, INPUT_SHAPES, type OperationName } from './shapes.js';
import { isDeleted, type LicenseStore } from './store.js';
import { listTagsForResource, tagResource, untagResource, type Tag, type TagStore } from './tags.js';
import { deleteLicense, type DeleteDialect } from './delete.js';
import { getLicenseUsage, type UsageStore } from './usage.js';

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
  /** The calling account (see `callerAccount` in grant-store.ts). */
  caller: string;
}

export type Input = Record<string, unknown>;
export type Answer = Outcome<Record<string, unknown>>;
type Handler = (input: Input, ctx: OperationContext) => Answer;

const HANDLERS: Record<OperationName, Handler> = {
  CreateLicense: createLicense,
  CreateLicenseVersion: createLicenseVersion,
  GetLicense: getLicense,
  ListLicenses: listLicenses,
  ListLicenseVersions: listLicenseVersions,
  DeleteLicense: deleteLicense,
  ...GRANT_HANDLERS,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  GetLicenseUsage: getLicenseUsage,
};

/** Validates `input` against the operation's model shape, then handles it. */
export function runOperation(operation: OperationName, input: Input, ctx: OperationContext): Answer {
  const violation = firstViolation(INPUT_SHAPES[operation], input);
  if (violation !== undefined) return fail('ValidationException', violation);
  return HANDLERS[operation](input, ctx);
}

function createLicense(input: Input, ctx: OperationContext): Answer {
  const recall = recallToken('CreateLicense', input, ctx);
  if (recall.kind === 'replay') return ok(recall.response);
  if (recall.kind === 'mismatch') return recall.outcome;
  const license = ctx.store.create(input);
  if (Array.isArray(input.Tags)) ctx.tags.tag(license.LicenseArn, input.Tags as Tag[]);
  return ctx.ledger.remember('CreateLicense', input, {
    LicenseArn: license.LicenseArn,
    Status: license.Status,
    Version: license.Version,
  });
}

function createLicenseVersion(input: Input, ctx: OperationContext): Answer {
  const recall = recallToken('CreateLicenseVersion', input, ctx);
  if (recall.kind === 'replay') return ok(recall.response);
  if (recall.kind === 'mismatch') return recall.outcome;
  const arn = input.LicenseArn as string;
  const current = ctx.store.get(arn);
  if (!current) return unknownLicense(arn, ctx.dialect);
  const refused = refuseWrite(current, input.SourceVersion, ctx);
  if (refused) return refused;
  const license = ctx.store.createVersion(arn, input);
  return ctx.ledger.remember('CreateLicenseVersion', input, {
    LicenseArn: arn,
    Version: license.Version,
    Status: license.Status,
  });
}

function getLicense(input: Input, ctx: OperationContext): Answer {
  const arn = input.LicenseArn as string;
  const version = input.Version as string | undefined;
  const license = ctx.store.get(arn, version);
  if (license) return ok({ License: license });
  if (version !== undefined && ctx.store.has(arn))
    return fail('ResourceNotFoundException', `License ${arn} has no version ${version}`);
  return unknownLicense(arn, ctx.dialect);
}

/** Filter names ListLicenses understands, and where each looks. */
const LICENSE_FILTERS: Record<string, (license: License) => unknown> = {
  Beneficiary: (license) => license.Beneficiary,
  ProductSKU: (license) => license.ProductSKU,
  Fingerprint: (license) => (license.Issuer as Record<string, unknown> | undefined)?.KeyFingerprint,
  Status: (license) => license.Status,
};

function listLicenses(input: Input, ctx: OperationContext): Answer {
  const filters = (input.Filters ?? []) as Array<{ Name?: string; Values?: string[] }>;
  const unknown = filters.find((filter) => !(String(filter.Name) in LICENSE_FILTERS));
  if (unknown) {
    return fail(
      'InvalidParameterValueException',
      `Filter name ${String(unknown.Name)} is not supported; use one of ${Object.keys(LICENSE_FILTERS).join(', ')}`,
    );
  }
  const arns = input.LicenseArns as string[] | undefined;
  if (arns && ctx.maxLicenseArns !== undefined && arns.length > ctx.maxLicenseArns) {
    return fail(
      'ValidationException',
      `1 validation error detected: Value at 'licenseArns' failed to satisfy constraint: Member must have length less than or equal to ${ctx.maxLicenseArns}`,
    );
  }
  const selected = (arns ? ctx.store.scanOnly(new Set(arns)) : ctx.store.scan()).filter((license) =>
    filters.every((filter) =>
      (filter.Values ?? []).includes(String(LICENSE_FILTERS[filter.Name as string]?.(license))),
    ),
  );
  const scope = JSON.stringify(['ListLicenses', arns ?? null, filters]);
  const page = paginate(selected, input, scope);
  if (!page.ok) return page;
  // Not copied: the server writes the answer out as JSON at once, and nothing changes it before.
  return ok(withToken({ Licenses: page.value.items }, page.value.nextToken));
}

function listLicenseVersions(input: Input, ctx: OperationContext): Answer {
  const arn = input.LicenseArn as string;
  const versions = ctx.store.history(arn);
  if (!versions) return unknownLicense(arn, ctx.dialect);
  const page = paginate(versions, input, JSON.stringify(['ListLicenseVersions', arn]));
  if (!page.ok) return page;
  return ok(withToken({ Licenses: page.value.items }, page.value.nextToken));
}

/** Why a write to `current` must be refused: wrong region, deleted, or a stale SourceVersion. */
export function refuseWrite(current: License, sourceVersion: unknown, ctx: OperationContext): Answer | undefined {
  const arn = current.LicenseArn;
  const region = ctx.region;
  if (current.HomeRegion !== region) {
    return fail(
      'RedirectException',
      `License ${arn} is managed in its HomeRegion ${current.HomeRegion}; this request was sent to ${region}`,
      {
        Location: `https://license-manager.${current.HomeRegion}.amazonaws.com`,
      },
    );
  }
  if (isDeleted(current))
    return fail('ValidationException', `License ${arn} is ${String(current.Status)} and cannot be changed`);
  if (sourceVersion !== undefined && sourceVersion !== current.Version) {
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
  return undefined;
}

/** An ARN this account can't see, in the dialect's words. */
export function unknownLicense<T = never>(arn: string, dialect: Dialect): Outcome<T> {
  return dialect.unknownArn === 'validation'
    ? fail('ValidationException', `Invalid license ARN ${arn}`)
    : licenseNotFound(arn);
}

/** The ledger's answer for a token, unless the dialect ignores tokens. */
export function recallToken(operation: string, input: Input, ctx: OperationContext): Recall {
  return ctx.dialect.clientToken === 'ignore' ? { kind: 'new' } : ctx.ledger.recall(operation, input);
}

function withToken(body: Record<string, unknown>, nextToken: string | undefined): Record<string, unknown> {
  return nextToken === undefined ? body : { ...body, NextToken: nextToken };
}
