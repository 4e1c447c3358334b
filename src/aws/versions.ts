/**
 * A license's versions (ListLicenseVersions), for `history`: through every
 * page, but never more than a bound, so a license with a long past can't make
 * the read unbounded. Answers with a value, never throws.
 */
import { ListLicenseVersionsCommand } from './sdk.js';
import type { LicenseError } from '../reconcile/errors.js';
import type { LiveLicense } from '../reconcile/types.js';
import { allPages, type ClientPool } from './clients.js';

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
    const read = await allPages(
      'Licenses',
      (NextToken) =>
        client.send(new ListLicenseVersionsCommand({ LicenseArn: licenseArn, MaxResults: PAGE_SIZE, NextToken })),
      max,
    );
    // Pages that loop end the history there: what was read is shown, marked as not the whole.
    return {
      ok: true,
      versions: read.items.slice(0, max) as LiveLicense[],
      truncated: read.more || read.items.length > max,
    };
  });
}
