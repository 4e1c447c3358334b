/**
 * `license-gitops orphans [--region R]... [--json] [--detailed-exitcode]`: live
 * licenses that no manifest claims, in the given regions (default: every region
 * a manifest names, and the default region), deleted ones skipped. Each with the
 * `import` command that would adopt it. Read-only.
 */
import path from 'node:path';
import type { AwsLicenseService } from '../aws/license-service.js';
import { claimedArn, declaredRegion } from '../manifests/managed.js';
import { escapeText, shellWord } from '../render/escape.js';
import { readManifestDir } from '../manifests/source.js';
import { listRegions } from '../run/list-regions.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import { isGoneStatus } from '../reconcile/gone.js';
import type { LiveLicense } from '../reconcile/types.js';
import { FORMAT_VERSION } from '../reconcile/plan-file.js';
import { fail, printReport, type AwsArgs, type Io } from './context.js';
import { makeService } from './service.js';

export interface OrphansArgs extends AwsArgs {
  region?: string[];
  detailedExitcode?: boolean;
}

export interface Orphan {
  licenseArn: string;
  licenseName: string;
  productName: string;
  status: string;
  /** The license's HomeRegion as ListLicenses showed it; null when the reply had none. */
  homeRegion: string | null;
  /** Where `import` reads it: its HomeRegion, else the region that listed it. */
  region: string;
  /** The command that writes a manifest for it. */
  import: string;
}

export async function orphansCommand(args: OrphansArgs, io: Io): Promise<number> {
  // Every manifest of the tree claims its license: a folder's run sees what its siblings manage.
  const failed = (errors: readonly LicenseError[]) =>
    fail(io, args, errors, { formatVersion: FORMAT_VERSION, errors, orphans: [], summary: { orphans: 0 } });
  const { sources, errors } = await readManifestDir(path.resolve(args.manifestTree ?? args.dir));
  if (errors.length > 0) return failed(errors);
  const claimed = new Set(sources.flatMap((s) => claimedArn(s.text) ?? []));
  const service = await makeService(args, io);
  try {
    const declared = sources.map((s) => declaredRegion(s.text));
    const regions = await regionsToList(args, io, declared, service);
    if (regions.length === 0)
      return failed([licenseError('USAGE', 'no region to list: pass --region R (or set AWS_REGION)')]);
    const listed = await listRegions(service, regions);
    if (!listed.ok) return failed(listed.errors.map(({ error }) => error));
    const orphans = listed.licenses
      .filter(({ license }) => isOrphan(license, claimed))
      .map(({ license, region }) => orphan(license, region, args.dir));
    report(io, args, orphans, regions);
    return orphans.length > 0 && args.detailedExitcode ? 2 : 0;
  } finally {
    service.destroy();
  }
}

/** --region (repeatable), else every region a manifest names plus the SDK's default region. */
async function regionsToList(
  args: OrphansArgs,
  io: Io,
  declared: (string | undefined)[],
  service: AwsLicenseService,
): Promise<string[]> {
  if (args.region && args.region.length > 0) return [...new Set(args.region)];
  const fallback =
    io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || (await service.defaultRegion().catch(() => undefined));
  return [...new Set([...declared, fallback].filter((r): r is string => typeof r === 'string' && r !== ''))].sort();
}

function isOrphan(license: LiveLicense, claimed: ReadonlySet<string>): boolean {
  return typeof license.LicenseArn === 'string' && !claimed.has(license.LicenseArn) && !isGoneStatus(license.Status);
}

function orphan(license: LiveLicense, region: string, dir: string): Orphan {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const licenseArn = license.LicenseArn!;
  const dirOption = dir === 'licenses' ? '' : ` --dir ${shellWord(dir)}`;
  return {
    licenseArn,
    licenseName: text(license.LicenseName),
    productName: text(license.ProductName),
    status: text(license.Status),
    homeRegion: typeof license.HomeRegion === 'string' && license.HomeRegion !== '' ? license.HomeRegion : null,
    region,
    import: `license-gitops import ${shellWord(licenseArn)} --region ${shellWord(region)}${dirOption}`,
  };
}

function report(io: Io, args: OrphansArgs, orphans: readonly Orphan[], regions: readonly string[]): void {
  const json = { formatVersion: FORMAT_VERSION, regions, orphans, summary: { orphans: orphans.length } };
  printReport(io, args, json, (paint) => {
    const lines = orphans.map((o) => {
      const home = o.homeRegion !== null ? `HomeRegion ${o.homeRegion}` : `no HomeRegion, listed in ${o.region}`;
      return `${paint('yellow', '?')} ${escapeText(o.licenseArn)}  ${escapeText(o.licenseName)}  (${escapeText(o.productName)}, ${escapeText(o.status)}, ${escapeText(home)})\n    ${escapeText(o.import)}\n`;
    });
    const count = `${orphans.length} live ${orphans.length === 1 ? 'license' : 'licenses'}`;
    return `${lines.join('')}${orphans.length > 0 ? '\n' : ''}${paint('bold', 'Orphans:')} ${count} in ${regions.join(', ')} without a manifest (deleted licenses skipped).\n`;
  });
}
