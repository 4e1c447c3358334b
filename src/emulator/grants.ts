/**
 * The grant operations: how a license is distributed to the accounts that use
 * it. The issuer creates, versions and deletes grants; the grantee accepts or
 * rejects them, which makes a new version too. Handlers take plain input and
 * answer Outcomes; grant-store.ts keeps the grants. GetGrant reads as GetLicense
 * does (operations.ts).
 */
import { fail, notFound, ok, redirect, type Outcome } from './errors.js';
import { principalAccount, type Grant, type GrantVersionMismatch } from './grant-store.js';
import { paginate, passes, unknownFilter, type Filter, type FilterTable } from './list.js';
import { unknownLicense, type Answer, type Handler, type Input, type OperationContext } from './operations.js';
import { isGone } from './store.js';
import type { Tag } from './tags.js';

export const GRANT_HANDLERS = {
  CreateGrant: createGrant,
  CreateGrantVersion: createGrantVersion,
  ListDistributedGrants: listDistributedGrants,
  DeleteGrant: deleteGrant,
  AcceptGrant: (input, ctx) => granteeAnswers(input, ctx, 'ACTIVE'),
  RejectGrant: (input, ctx) => granteeAnswers(input, ctx, 'REJECTED'),
} satisfies Record<string, Handler>;

function createGrant(input: Input, ctx: OperationContext): Answer {
  const licenseArn = input.LicenseArn as string;
  const license = ctx.store.get(licenseArn);
  if (!license) return unknownLicense(licenseArn, ctx.dialect);
  if (license.HomeRegion !== ctx.region) return redirect(`License ${licenseArn}`, license.HomeRegion, ctx.region);
  if (input.HomeRegion !== license.HomeRegion) {
    return fail(
      'ValidationException',
      `HomeRegion ${String(input.HomeRegion)} is not the home Region of license ${licenseArn} (${license.HomeRegion})`,
    );
  }
  if (isGone(license.Status)) return fail('ValidationException', `License ${licenseArn} is ${String(license.Status)}`);
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
  return written(grant);
}

function createGrantVersion(input: Input, ctx: OperationContext): Answer {
  const found = writable(input.GrantArn as string, input.SourceVersion, ctx.grants.versionMismatch, ctx);
  if (!found.ok) return found;
  const grant = found.value;
  const status = input.Status as string | undefined;
  const refused = status === undefined ? undefined : issuerStatusRefusal(grant, status);
  if (refused) return refused;
  const changes: Partial<Grant> = {};
  if (input.GrantName !== undefined) changes.GrantName = input.GrantName as string;
  if (input.AllowedOperations !== undefined) changes.GrantedOperations = input.AllowedOperations as string[];
  if (status !== undefined) changes.GrantStatus = status;
  if (input.StatusReason !== undefined) changes.StatusReason = input.StatusReason as string;
  if (input.Options !== undefined) changes.Options = input.Options;
  return written(ctx.grants.next(grant.GrantArn, changes));
}

/** The issuer may suspend (DISABLED) and reactivate (ACTIVE) a grant the grantee accepted; nothing else. */
function issuerStatusRefusal(grant: Grant, status: string): Answer | undefined {
  if (status !== 'ACTIVE' && status !== 'DISABLED') {
    return fail('ValidationException', `Status ${status} can't be set by the issuer; use ACTIVE or DISABLED`);
  }
  if (status === 'ACTIVE' && grant.GrantStatus !== 'ACTIVE' && grant.GrantStatus !== 'DISABLED') {
    return fail(
      'ValidationException',
      `Grant ${grant.GrantArn} is ${grant.GrantStatus}; only the grantee can make it ACTIVE (AcceptGrant)`,
    );
  }
  return undefined;
}

/** Filter names ListDistributedGrants understands, and where each looks. */
const GRANT_FILTERS: FilterTable<Grant> = {
  LicenseArn: (grant) => grant.LicenseArn,
  GrantStatus: (grant) => grant.GrantStatus,
  GranteePrincipalARN: (grant) => grant.GranteePrincipalArn,
  ProductSKU: (grant, ctx) => ctx.store.get(grant.LicenseArn)?.ProductSKU,
  LicenseIssuerName: (grant, ctx) => (ctx.store.get(grant.LicenseArn)?.Issuer as { Name?: unknown } | undefined)?.Name,
};

/** The grants issued in the Region called, in creation order, deleted ones included (with their status). */
function listDistributedGrants(input: Input, ctx: OperationContext): Answer {
  const filters = (input.Filters ?? []) as Filter[];
  const refused = unknownFilter(filters, GRANT_FILTERS);
  if (refused) return refused;
  const arns = input.GrantArns as string[] | undefined;
  const selected = ctx.grants
    .list()
    .filter(
      (grant) =>
        grant.HomeRegion === ctx.region &&
        (arns === undefined || arns.includes(grant.GrantArn)) &&
        passes(grant, filters, GRANT_FILTERS, ctx),
    );
  return paginate('Grants', selected, input, ['ListDistributedGrants', ctx.region, arns ?? null, filters]);
}

/** DeleteGrant must name the latest Version; a mismatch is a ValidationException, as the service answers. */
function deleteGrant(input: Input, ctx: OperationContext): Answer {
  const found = writable(input.GrantArn as string, input.Version, 'ValidationException', ctx);
  if (!found.ok) return found;
  const grant = found.value;
  const reason = input.StatusReason as string | undefined;
  return written(
    ctx.grants.next(grant.GrantArn, { GrantStatus: 'DELETED', ...(reason ? { StatusReason: reason } : {}) }),
  );
}

/** AcceptGrant / RejectGrant: only the grantee's account, only while the grant waits for it (reject: also once active). */
function granteeAnswers(input: Input, ctx: OperationContext, status: 'ACTIVE' | 'REJECTED'): Answer {
  const arn = input.GrantArn as string;
  const grant = ctx.grants.get(arn);
  if (!grant) return notFound(`Grant ${arn}`);
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
  return written(ctx.grants.next(arn, { GrantStatus: status }));
}

/**
 * The current grant, if it can be changed from the Region called and `pin` (when given) is its Version; a stale
 * pin is answered as `mismatch`.
 */
function writable(arn: string, pin: unknown, mismatch: GrantVersionMismatch, ctx: OperationContext): Outcome<Grant> {
  const grant = ctx.grants.get(arn);
  if (!grant) return notFound(`Grant ${arn}`);
  if (grant.HomeRegion !== ctx.region) return redirect(`Grant ${arn}`, grant.HomeRegion, ctx.region);
  if (isGone(grant.GrantStatus)) return fail('ValidationException', `Grant ${arn} is ${grant.GrantStatus}`);
  if (pin === undefined || pin === grant.Version) return ok(grant);
  return fail(
    mismatch,
    `The version provided (${String(pin)}) doesn't match the latest version of grant ${arn} (${grant.Version})`,
  );
}

/** What every grant write answers. */
function written(grant: Grant): Answer {
  return ok({ GrantArn: grant.GrantArn, Status: grant.GrantStatus, Version: grant.Version });
}
