/**
 * What a customer has checked out of a license (GetLicenseUsage), for the plan's
 * usage check. The service's values are strings: each is read as a finite,
 * non-negative number, and anything else is left out. Answers with a value, never throws.
 */
import { GetLicenseUsageCommand } from './sdk.js';
import type { UsageRead } from '../reconcile/ports.js';
import type { ClientPool } from './clients.js';

/** An entitlement list longer than any the API accepts is cut here: a reply can't make the check unbounded. */
const MAX_ENTITLEMENTS = 1000;

export function getLicenseUsage(pool: ClientPool, licenseArn: string, region: string): Promise<UsageRead> {
  return pool.call(region, 'usage', licenseArn, async (client) => {
    const out = await client.send(new GetLicenseUsageCommand({ LicenseArn: licenseArn }));
    const consumed: Record<string, number> = {};
    for (const usage of (out.LicenseUsage?.EntitlementUsages ?? []).slice(0, MAX_ENTITLEMENTS)) {
      const value = Number(usage.ConsumedValue);
      if (typeof usage.Name === 'string' && usage.ConsumedValue !== '' && Number.isFinite(value) && value >= 0)
        consumed[usage.Name] = value;
    }
    return { ok: true, consumed };
  });
}
