/**
 * Grants of licenses, as the issuer sees them: ListDistributedGrants (filters,
 * pages). Tests and seeds add grants directly; the grant operations that change
 * them build on this store.
 */
import { fail, ok } from './errors.js';
import { copy } from './form.js';
import type { Answer, Input, OperationContext } from './operations.js';
import { paginate } from './paginate.js';

/** A grant in answer form (the Grant shape of the service model). */
export type Grant = Record<string, unknown> & {
  GrantArn: string;
  LicenseArn: string;
  GrantStatus: string;
  Version: string;
};

export class GrantStore {
  /** Grants by ARN, in creation order. */
  readonly #grants = new Map<string, Grant>();

  /** Adds or replaces grants. */
  insert(grants: readonly Grant[]): void {
    for (const grant of grants) this.#grants.set(grant.GrantArn, copy(grant));
  }

  get(arn: string): Grant | undefined {
    const grant = this.#grants.get(arn);
    return grant && copy(grant);
  }

  /** Every grant, in creation order; never mutate the result. */
  scan(): readonly Grant[] {
    return [...this.#grants.values()];
  }
}

/** Filter names ListDistributedGrants understands, and where each looks. */
const GRANT_FILTERS: Record<string, (grant: Grant) => unknown> = {
  LicenseArn: (grant) => grant.LicenseArn,
  GrantStatus: (grant) => grant.GrantStatus,
  GranteePrincipalARN: (grant) => grant.GranteePrincipalArn,
  ProductSKU: (grant) => grant.ProductSKU,
  LicenseIssuerName: (grant) => grant.LicenseIssuerName,
};

export function listDistributedGrants(input: Input, ctx: OperationContext): Answer {
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
    .scan()
    .filter(
      (grant) =>
        (arns === undefined || arns.includes(grant.GrantArn)) &&
        filters.every((filter) =>
          (filter.Values ?? []).includes(String(GRANT_FILTERS[filter.Name as string]?.(grant))),
        ),
    );
  const page = paginate(selected, input, JSON.stringify(['ListDistributedGrants', arns ?? null, filters]));
  if (!page.ok) return page;
  const { items, nextToken } = page.value;
  return ok({ Grants: copy(items), ...(nextToken === undefined ? {} : { NextToken: nextToken }) });
}
