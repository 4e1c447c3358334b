/**
 * A license's versions (ListLicenseVersions), for `history`: through every
 * page, but never more than a bound, so a license with a long past can't make
 * the read unbounded. Answers with a value, never throws.
 */
import { ListLicenseVersionsCommand } from './sdk.js';
import type { LicenseError } from '../reconcile/errors.js';
import type { LiveLicense } from '../reconcile/types.js';
import type { ClientPool } from './clients.js';

export type VersionsRead =
  | {
      ok: true;
      versions: LiveLicense[];
      /** The bound was reached before the last page: older (or newer) versions may be unread. */
      truncated: boolean;
    }
  | { ok: false; error: LicenseError };

/** ListLicenseVersions' largest page. */
const PAGE_SIZE = 100;

export function listLicenseVersions(
  pool: ClientPool,
  licenseArn: string,
  region: string,
  max: number,
): Promise<VersionsRead> {
  return pool.call(region, 'versions', licenseArn, async (client) => {
    const versions: LiveLicense[] = [];
    const tokens = new Set<string>();
    let token: string | undefined;
    do {
      const out = await client.send(
        new ListLicenseVersionsCommand({ LicenseArn: licenseArn, MaxResults: PAGE_SIZE, NextToken: token }),
      );
      versions.push(...((out.Licenses ?? []) as LiveLicense[]));
      token = out.NextToken || undefined;
      // A token seen before would page forever: stop with what was read.
      if (token !== undefined && tokens.has(token)) break;
      if (token !== undefined) tokens.add(token);
    } while (token !== undefined && versions.length < max);
    return { ok: true, versions: versions.slice(0, max), truncated: token !== undefined || versions.length > max };
  });
}
