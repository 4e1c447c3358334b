/**
 * Entitlement usage, as GetLicenseUsage answers it: what the customer has
 * checked out of each entitlement. A seed sets it (a license's `Usage`:
 * `{"seats": 40}`); an entitlement with no usage answers ConsumedValue "0".
 */
import { ok } from './errors.js';
import { isObject } from './form.js';
import { isGone } from './store.js';
import { unknownLicense, type Answer, type Input, type OperationContext } from './operations.js';

export class UsageStore {
  readonly #consumed = new Map<string, Map<string, number>>();

  /** Sets the consumed value of each named entitlement of a license. */
  set(arn: string, usage: Readonly<Record<string, number>>): void {
    const current = this.#consumed.get(arn) ?? new Map<string, number>();
    for (const [name, value] of Object.entries(usage)) current.set(name, value);
    this.#consumed.set(arn, current);
  }

  consumed(arn: string, name: string): number {
    return this.#consumed.get(arn)?.get(name) ?? 0;
  }
}

/** The problem with a seeded `Usage`, if any: an object of non-negative integers. */
export function usageProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'Usage must be an object of entitlement names to consumed values';
  const bad = Object.entries(value).find(([, n]) => !(Number.isInteger(n) && (n as number) >= 0));
  return bad ? `Usage.${bad[0]} must be a non-negative integer` : undefined;
}

export function getLicenseUsage(input: Input, ctx: OperationContext): Answer {
  const arn = input.LicenseArn as string;
  const license = ctx.store.get(arn);
  if (!license || isGone(license.Status)) return unknownLicense(arn, ctx.dialect);
  const entitlements = (license.Entitlements ?? []) as Array<Record<string, unknown>>;
  // The model's EntitlementUsage: every value a string.
  const EntitlementUsages = entitlements.map((e) => ({
    Name: e.Name,
    ConsumedValue: String(ctx.usage.consumed(arn, String(e.Name))),
    ...(e.MaxCount !== undefined ? { MaxCount: String(e.MaxCount) } : {}),
    Unit: e.Unit,
  }));
  return ok({ LicenseUsage: { EntitlementUsages } });
}
