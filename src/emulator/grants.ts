/**
 * The grant operations: how a license is distributed to the accounts that use
 * it. The issuer creates, versions and deletes grants; the grantee accepts or
 * rejects them, which makes a new version too. Handlers take plain input and
 * answer Outcomes; grant-store.ts keeps the grants.
 */
import { fail, licenseNotFound, ok, serviceError, type ServiceError } from './errors.js';
import { GRANT_GONE, principalAccount, type Grant } from './grant-store.js';
import type { GrantOperationName } from './grant-shapes.js';
import { recallToken, type Answer, type Input, type OperationContext } from './operations.js';
import { paginate } from './paginate.js';
import { isDeleted } from './store.js';
import type { Tag } from './tags.js';

type GrantHandler = (input: Input, ctx: OperationContext) => Answer;

export const GRANT_HANDLERS: Record<GrantOperationName, GrantHandler> = {
  CreateGrant: createGrant,
  CreateGrantVersion: createGrantVersion,
  GetGrant: getGrant,
  ListDistributedGrants: listDistributedGrants,
  DeleteGrant: deleteGrant,
  AcceptGrant: (input, ctx) => granteeAnswers(input, ctx, 'ACTIVE'),
  RejectGrant: (input, ctx) => granteeAnswers(input, ctx, 'REJECTED'),
};

function createGrant(input: Input, ctx: OperationContext): Answer {
  const recall = recallToken('CreateGrant', input, ctx);
  if (recall.kind === 'replay') return ok(recall.response);
  if (recall.kind === 'mismatch') return recall.outcome;
  const licenseArn = input.LicenseArn as string;
  const license = ctx.store.get(licenseArn);
  if (!license) return licenseNotFound(licenseArn);
  if (license.HomeRegion !== ctx.region) return redirect(`License ${licenseArn}`, license.HomeRegion, ctx.region);
  if (input.HomeRegion !== license.HomeRegion) {
    return fail(
      'ValidationException',
      `HomeRegion ${String(input.HomeRegion)} is not the home Region of license ${licenseArn} (${license.HomeRegion})`,
    );
  }
  if (isDeleted(license)) return fail('ValidationException', `License ${licenseArn} is ${String(license.Status)}`);
  const principal = (input.Principals as string[])[0] as string;
  if (principalAccount(principal) === undefined) {
    return fail(
      'ValidationException',
      `Principal ${principal} must be an AWS account, an organization or an organizational unit ARN`,
    );
  }
  const grant = ctx.grants.create({
    GrantName: input.GrantName as string,
    ParentArn: licenseArn,
    LicenseArn: licenseArn,
    GranteePrincipalArn: principal,
    HomeRegion: license.HomeRegion,
    GrantedOperations: input.AllowedOperations as string[],
  });
  if (Array.isArray(input.Tags)) ctx.tags.tag(grant.GrantArn, input.Tags as Tag[]);
  return ctx.ledger.remember('CreateGrant', input, {
    GrantArn: grant.GrantArn,
    Status: grant.GrantStatus,
    Version: grant.Version,
  });
}

function createGrantVersion(input: Input, ctx: OperationContext): Answer {
  const recall = recallToken('CreateGrantVersion', input, ctx);
  if (recall.kind === 'replay') return ok(recall.response);
  if (recall.kind === 'mismatch') return recall.outcome;
  const found = writable(input.GrantArn as string, ctx);
  if (!found.ok) return found;
  const grant = found.value;
  const source = input.SourceVersion;
  if (source !== undefined && source !== grant.Version) {
    return fail(
      ctx.grants.versionMismatch,
      `The version provided (${String(source)}) doesn't match the latest version of grant ${grant.GrantArn} (${grant.Version})`,
    );
  }
  const status = input.Status as string | undefined;
  const refused = status === undefined ? undefined : issuerStatusRefusal(grant, status);
  if (refused) return { ok: false, error: refused };
  const next = ctx.grants.next(grant.GrantArn, {
    ...(input.GrantName !== undefined ? { GrantName: input.GrantName as string } : {}),
    ...(input.AllowedOperations !== undefined ? { GrantedOperations: input.AllowedOperations as string[] } : {}),
    ...(status !== undefined ? { GrantStatus: status } : {}),
    ...(input.StatusReason !== undefined ? { StatusReason: input.StatusReason as string } : {}),
    ...(input.Options !== undefined ? { Options: input.Options as Record<string, unknown> } : {}),
  });
  return ctx.ledger.remember('CreateGrantVersion', input, {
    GrantArn: next.GrantArn,
    Status: next.GrantStatus,
    Version: next.Version,
  });
}

/** The issuer may suspend (DISABLED) and reactivate (ACTIVE) a grant the grantee accepted; nothing else. */
function issuerStatusRefusal(grant: Grant, status: string): ServiceError | undefined {
  if (status !== 'ACTIVE' && status !== 'DISABLED') {
    return serviceError('ValidationException', `Status ${status} can't be set by the issuer; use ACTIVE or DISABLED`);
  }
  if (status === 'ACTIVE' && grant.GrantStatus !== 'ACTIVE' && grant.GrantStatus !== 'DISABLED') {
    return serviceError(
      'ValidationException',
      `Grant ${grant.GrantArn} is ${grant.GrantStatus}; only the grantee can make it ACTIVE (AcceptGrant)`,
    );
  }
  return undefined;
}

function getGrant(input: Input, ctx: OperationContext): Answer {
  const arn = input.GrantArn as string;
  const version = input.Version as string | undefined;
  const grant = ctx.grants.get(arn, version);
  if (grant) return ok({ Grant: grant });
  if (version !== undefined && ctx.grants.get(arn))
    return fail('ResourceNotFoundException', `Grant ${arn} has no version ${version}`);
  return grantNotFound(arn);
}

/** Filter names ListDistributedGrants understands, and where each looks. */
const GRANT_FILTERS: Record<string, (grant: Grant, ctx: OperationContext) => unknown> = {
  LicenseArn: (grant) => grant.LicenseArn,
  GrantStatus: (grant) => grant.GrantStatus,
  GranteePrincipalARN: (grant) => grant.GranteePrincipalArn,
  ProductSKU: (grant, ctx) => ctx.store.get(grant.LicenseArn)?.ProductSKU,
  LicenseIssuerName: (grant, ctx) => (ctx.store.get(grant.LicenseArn)?.Issuer as { Name?: unknown } | undefined)?.Name,
};

/** The grants issued in the Region called, in creation order, deleted ones included (with their status). */
function listDistributedGrants(input: Input, ctx: OperationContext): Answer {
  const filters = (input.Filters ?? []) as Array<{ Name?: string; Values?: string[] }>;
  const unknown = filters.find((filter) => !(String(filter.Name) in GRANT_FILTERS));
  if (unknown) {
    return fail(
      'InvalidParameterValueException',
      `Filter name ${String(unknown.Name)} is not supported; use one of ${Object.keys(GRANT_FILTERS).join(', ')}`,
    );
  }
  const arns = input.GrantArns as string[] | undefined;
  const selected = ctx.grants
    .list()
    .filter(
      (grant) =>
        grant.HomeRegion === ctx.region &&
        (arns === undefined || arns.includes(grant.GrantArn)) &&
        filters.every((filter) =>
          (filter.Values ?? []).includes(String(GRANT_FILTERS[filter.Name as string]?.(grant, ctx))),
        ),
    );
  const page = paginate(selected, input, JSON.stringify(['ListDistributedGrants', ctx.region, arns ?? null, filters]));
  if (!page.ok) return page;
  const body = { Grants: page.value.items };
  return ok(page.value.nextToken === undefined ? body : { ...body, NextToken: page.value.nextToken });
}

/** DeleteGrant must name the latest Version; a mismatch is a ValidationException, as the service answers. */
function deleteGrant(input: Input, ctx: OperationContext): Answer {
  const found = writable(input.GrantArn as string, ctx);
  if (!found.ok) return found;
  const grant = found.value;
  if (input.Version !== grant.Version) {
    return fail(
      'ValidationException',
      `The version provided (${String(input.Version)}) doesn't match the latest version of grant ${grant.GrantArn} (${grant.Version})`,
    );
  }
  const reason = input.StatusReason as string | undefined;
  const deleted = ctx.grants.next(grant.GrantArn, {
    GrantStatus: 'DELETED',
    ...(reason ? { StatusReason: reason } : {}),
  });
  return ok({ GrantArn: deleted.GrantArn, Status: deleted.GrantStatus, Version: deleted.Version });
}

/** AcceptGrant / RejectGrant: only the grantee's account, only while the grant waits for it (reject: also once active). */
function granteeAnswers(input: Input, ctx: OperationContext, status: 'ACTIVE' | 'REJECTED'): Answer {
  const arn = input.GrantArn as string;
  const grant = ctx.grants.get(arn);
  if (!grant) return grantNotFound(arn);
  if (principalAccount(grant.GranteePrincipalArn) !== ctx.caller) {
    return fail(
      'AccessDeniedException',
      `Account ${ctx.caller} is not the grantee of ${arn}; only ${grant.GranteePrincipalArn} can accept or reject it`,
    );
  }
  const allowed = status === 'ACTIVE' ? ['PENDING_ACCEPT'] : ['PENDING_ACCEPT', 'ACTIVE'];
  if (!allowed.includes(grant.GrantStatus)) {
    return fail('ValidationException', `Grant ${arn} is ${grant.GrantStatus} and can't become ${status}`);
  }
  const next = ctx.grants.next(arn, { GrantStatus: status });
  return ok({ GrantArn: arn, Status: next.GrantStatus, Version: next.Version });
}

/** The current grant, if it can be changed from the Region called. */
function writable(arn: string, ctx: OperationContext): { ok: true; value: Grant } | { ok: false; error: ServiceError } {
  const grant = ctx.grants.get(arn);
  if (!grant) return grantNotFound(arn);
  if (grant.HomeRegion !== ctx.region) return redirect(`Grant ${arn}`, grant.HomeRegion, ctx.region);
  if (GRANT_GONE.has(grant.GrantStatus)) return fail('ValidationException', `Grant ${arn} is ${grant.GrantStatus}`);
  return ok(grant);
}

function grantNotFound<T = never>(arn: string) {
  return fail<T>('ResourceNotFoundException', `Grant ${arn} not found`);
}

function redirect<T = never>(subject: string, home: string, region: string) {
  return fail<T>(
    'RedirectException',
    `${subject} is managed in its HomeRegion ${home}; this request was sent to ${region}`,
    {
      Location: `https://license-manager.${home}.amazonaws.com`,
    },
  );
}
