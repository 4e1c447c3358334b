/**
 * What prune would retire: licenses whose manifest was deleted from git (with
 * --changed-since), and, in a full run, licenses this tool created (marked) that
 * no manifest declares any more. Each is read now, for the pin its delete
 * carries, with the number of its grants still in force.
 */
import { isGoneStatus } from '../reconcile/gone.js';
import pLimit, { type LimitFunction } from 'p-limit';
import type { LicenseService } from '../reconcile/ports.js';
import type { LicenseDocument, LiveLicense, LiveRead, RemovedManifest, Retirement } from '../reconcile/types.js';
import { licenseError } from '../reconcile/errors.js';
import { isMarked, markedManifest } from './marker.js';
import { listRegions } from './list-regions.js';

export interface PruneScope {
  /** Manifests deleted from git since the base ref. */
  removed: readonly RemovedManifest[];
  /** Search the regions for marked licenses no manifest declares (a run over every manifest). */
  full: boolean;
  /** Regions to search in a full run. */
  regions: readonly string[];
  /** ARNs manifests declare or adopt: never retired. */
  kept: ReadonlySet<string>;
  /** The manifest tree, to name the manifest a marked license came from. */
  manifestDir?: string;
  /** A folder of the tree (posix): only licenses whose marker names a manifest in it are retired. */
  folder?: string;
  concurrency: number;
}

export async function findRetirements(scope: PruneScope, service: LicenseService): Promise<Retirement[]> {
  const limit = pLimit(scope.concurrency);
  const fromGit = scope.removed.filter((r) => r.licenseArn !== undefined && !scope.kept.has(r.licenseArn));
  const removed = await limit.map(fromGit, async ({ file, licenseArn, homeRegion }) => {
    const read = homeRegion ? await service.getLicense(licenseArn!, homeRegion) : undefined;
    return retirement(file, licenseArn!, read, homeRegion);
  });
  const seen = new Set(fromGit.map((r) => r.licenseArn));
  const marked = scope.full ? await findMarked(scope, service, limit) : [];
  const retirements = [...removed, ...marked.filter((r) => !seen.has(r.licenseArn))];
  return limit.map(retirements, (r) => withGrants(r, service));
}

/** Marked, live licenses in the scope's regions that no manifest keeps. */
async function findMarked(scope: PruneScope, service: LicenseService, limit: LimitFunction): Promise<Retirement[]> {
  const listed = await listRegions(service, scope.regions);
  if (!listed.ok) {
    return listed.errors.map(({ region, error }) => {
      const message = `can't look for licenses license-gitops created in ${region} that no manifest declares: ${error.message}`;
      const read = { ok: false as const, error: licenseError(error.code, message, { fault: error.fault }) };
      return retirement(`(region ${region})`, '', read, region);
    });
  }
  const open = listed.licenses.filter(
    ({ license }) => !scope.kept.has(license.LicenseArn) && !isGoneStatus(license.Status),
  );
  const tagged = await limit.map(open, async ({ license, region }) => {
    return { license, region, tags: await service.listTags(license.LicenseArn, region) };
  });
  return tagged.flatMap(({ license, region, tags }): Retirement[] => {
    const licenseArn = license.LicenseArn;
    if (!tags.ok) return [retirement('(no manifest)', licenseArn, { ok: false, error: tags.error }, region)];
    if (!isMarked(tags.tags)) return [];
    const named = markedManifest(tags.tags);
    // A license created from another folder (or from a manifest the marker can't name) is not this run's.
    if (scope.folder && !named?.startsWith(`${scope.folder}/`)) return [];
    const file = named ? joinDir(scope.manifestDir, named) : '(no manifest)';
    return [retirement(file, licenseArn, { ok: true, license }, region)];
  });
}

async function withGrants(retirement: Retirement, service: LicenseService): Promise<Retirement> {
  const { read } = retirement;
  if (!read?.ok || isGoneStatus(read.license.Status)) return retirement;
  const counted = await service.countActiveGrants(retirement.licenseArn, retirement.document.HomeRegion);
  if (!counted.ok) {
    const message = `can't count the license's grants before deleting it: ${counted.error.message}`;
    return { ...retirement, read: { ok: false, error: { ...counted.error, message } } };
  }
  return { ...retirement, activeGrants: counted.active };
}

/** A license to retire, with what it was: its name and region in the plan. */
function retirement(file: string, licenseArn: string, read: LiveRead | undefined, region?: string): Retirement {
  const live: LiveLicense = read?.ok ? read.license : {};
  const document: LicenseDocument = {
    LicenseName: typeof live.LicenseName === 'string' ? live.LicenseName : '',
    ProductName: typeof live.ProductName === 'string' ? live.ProductName : '',
    Issuer: { Name: '' },
    HomeRegion: typeof live.HomeRegion === 'string' ? live.HomeRegion : (region ?? ''),
    Validity: { Begin: '' },
    Entitlements: [],
    ConsumptionConfiguration: {},
    Status: typeof live.Status === 'string' ? live.Status : '',
  };
  return { file, licenseArn, read, document };
}

function joinDir(dir: string | undefined, key: string): string {
  return dir ? `${dir.replace(/\/+$/, '')}/${key}` : key;
}
