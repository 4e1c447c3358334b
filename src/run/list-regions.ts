/**
 * Every live license in some regions, each once. Whether ListLicenses shows
 * only the licenses homed in the region called or every license the account
 * has is not documented; listing several regions and keeping each ARN once,
 * under its HomeRegion, is right either way.
 */
import type { LicenseError } from '../reconcile/errors.js';
import type { LicenseService } from '../reconcile/ports.js';
import type { LiveLicense } from '../reconcile/types.js';

export interface Listed {
  license: LiveLicense & { LicenseArn: string };
  /** The license's HomeRegion, else the region it was listed in. */
  region: string;
}

export type RegionsListed =
  { ok: true; licenses: Listed[] } | { ok: false; errors: { region: string; error: LicenseError }[] };

export async function listRegions(service: LicenseService, regions: readonly string[]): Promise<RegionsListed> {
  const lists = await Promise.all(
    regions.map(async (region) => ({ region, list: await service.listLicenses(region) })),
  );
  const errors = lists.flatMap(({ region, list }) => (list.ok ? [] : [{ region, error: list.error }]));
  if (errors.length > 0) return { ok: false, errors };
  const seen = new Map<string, Listed>();
  for (const { region, list } of lists) {
    if (!list.ok) continue;
    for (const license of list.licenses) {
      const arn = license.LicenseArn;
      if (typeof arn !== 'string' || seen.has(arn)) continue;
      const home = typeof license.HomeRegion === 'string' && license.HomeRegion !== '' ? license.HomeRegion : region;
      seen.set(arn, { license: license as Listed['license'], region: home });
    }
  }
  return { ok: true, licenses: [...seen.values()] };
}
