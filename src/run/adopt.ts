/**
 * Never twice: before a manifest without LicenseArn is planned as a create,
 * look for the license this tool already created from it (its ARN never reached
 * git: the write-back was lost, its pull request is not merged yet, the run was
 * killed right after CreateLicense). ListLicenses narrowed by ProductSKU and
 * Beneficiary keeps the search to a few candidates; their tags tell which one
 * carries our marker for this manifest.
 */
import { isGoneStatus } from '../reconcile/gone.js';
import pLimit from 'p-limit';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { LicenseList, LicenseService } from '../reconcile/ports.js';
import type { LicenseDocument, LiveLicense, LiveRead, Manifest, PlanStep } from '../reconcile/types.js';
import { createRequest, isMarked, manifestKey, MANIFEST_TAG, manifestTagValue, TOKEN_TAG } from './marker.js';
import { isLicenseStep } from '../reconcile/steps.js';

/** A live license this tool created, with its tags. */
export interface Marked {
  license: LiveLicense;
  tags: Record<string, string>;
}

type Candidates = { ok: true; marked: Marked[] } | { ok: false; error: LicenseError };

/** What a search is narrowed by: a license's HomeRegion, ProductSKU and Beneficiary (one absent is searched as ''). */
type Narrowing = Pick<LicenseDocument, 'HomeRegion' | 'ProductSKU' | 'Beneficiary'>;
const keyOf = (of: Narrowing) => JSON.stringify([of.HomeRegion, of.ProductSKU ?? '', of.Beneficiary ?? '']);

/** The marked, live, unclaimed licenses for one (region, ProductSKU, Beneficiary), each search made once per run. */
export class CreatedLicenses {
  readonly #searches = new Map<string, Promise<Candidates>>();
  /** One ListLicenses per (region, ProductSKU, Beneficiary), shared by the search and `retired`. */
  readonly #listings = new Map<string, Promise<LicenseList>>();

  constructor(
    private readonly service: LicenseService,
    /** ARNs some manifest already declares: never candidates. */
    private readonly claimed: ReadonlySet<string>,
    private readonly concurrency: number,
  ) {}

  find(of: Narrowing): Promise<Candidates> {
    return once(this.#searches, keyOf(of), () => this.#search(of));
  }

  /** The license created with this ClientToken, if one exists (a create whose reply was lost). */
  async byToken(of: Narrowing, token: string): Promise<Candidates> {
    this.#searches.delete(keyOf(of)); // look again: it may be new
    this.#listings.delete(keyOf(of));
    const found = await this.find(of);
    return found.ok ? { ok: true, marked: found.marked.filter((m) => m.tags[TOKEN_TAG] === token) } : found;
  }

  /**
   * Deleted licenses this tool created, by the ClientToken each was created with
   * (sorted ARNs). A manifest created, pruned and added again needs another token,
   * or a service that replays a token's first answer would hand back the deleted
   * license. A failed search finds none (the create then uses the first token).
   */
  async retired(of: Narrowing): Promise<Map<string, string[]>> {
    const byToken = new Map<string, string[]>();
    const listed = await this.#list(of);
    if (!listed.ok) return byToken;
    const gone = listed.licenses.filter((l) => typeof l.LicenseArn === 'string' && isGoneStatus(l.Status));
    for (const { license, read } of await this.#tagged(gone, of.HomeRegion)) {
      const token = read.ok && isMarked(read.tags) ? read.tags[TOKEN_TAG] : undefined;
      if (token) byToken.set(token, [...(byToken.get(token) ?? []), license.LicenseArn!].sort());
    }
    return byToken;
  }

  #list(of: Narrowing): Promise<LicenseList> {
    const { HomeRegion, ProductSKU = '', Beneficiary = '' } = of;
    return once(this.#listings, keyOf(of), () => this.service.listLicenses(HomeRegion, { ProductSKU, Beneficiary }));
  }

  /** Each license with its tags, a few read at a time. */
  #tagged(licenses: readonly LiveLicense[], region: string) {
    return pLimit(this.concurrency).map(licenses, async (license) => {
      return { license, read: await this.service.listTags(license.LicenseArn!, region) };
    });
  }

  async #search(of: Narrowing): Promise<Candidates> {
    const { HomeRegion: region, ProductSKU: productSku = '', Beneficiary: beneficiary = '' } = of;
    const listed = await this.#list(of);
    if (!listed.ok) return listed;
    const open = listed.licenses.filter(
      (l) =>
        typeof l.LicenseArn === 'string' &&
        !this.claimed.has(l.LicenseArn) &&
        !isGoneStatus(l.Status) &&
        (l.HomeRegion === undefined || l.HomeRegion === region) &&
        l.ProductSKU === productSku &&
        l.Beneficiary === beneficiary,
    );
    const tagged = await this.#tagged(open, region);
    const failed = tagged.find((t) => !t.read.ok);
    if (failed && !failed.read.ok) return { ok: false, error: failed.read.error };
    const marked = tagged.flatMap(({ license, read }) =>
      read.ok && isMarked(read.tags) ? [{ license, tags: read.tags }] : [],
    );
    return { ok: true, marked };
  }
}

function once<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

/**
 * For each manifest without LicenseArn, the license this tool created from it, if
 * any, keyed by file: the one whose marker names this manifest; failing that (the
 * file was renamed), the one with its LicenseName whose marker names no manifest
 * that still exists. More than one match is an error: the plan can't choose, and
 * creating another would be worse. A failed search is an error too (never a create).
 */
export async function findCreated(
  fresh: readonly Manifest[],
  all: readonly Manifest[],
  created: CreatedLicenses,
  manifestDir: string | undefined,
  /** The marker's names of the other manifests of the tree, in a run over a folder of it. */
  elsewhere: readonly string[] = [],
): Promise<Map<string, LiveRead>> {
  if (fresh.length === 0) return new Map();
  const keys = new Set([...all.map((m) => manifestTagValue(manifestKey(m.file, manifestDir))), ...elsewhere]);
  const taken = new Set<string>();
  const found = new Map<string, LiveRead>();
  const searches = await Promise.all(
    fresh.map(async (manifest) => ({ manifest, candidates: await created.find(manifest.document) })),
  );
  for (const { manifest, candidates } of searches) {
    const subject = { file: manifest.file };
    if (!candidates.ok) {
      const why = `can't tell whether license-gitops already created this license (${candidates.error.message}); nothing will be created until it can`;
      found.set(manifest.file, { ok: false, error: { ...candidates.error, ...subject, message: why } });
      continue;
    }
    const key = manifestKey(manifest.file, manifestDir);
    const open = candidates.marked.filter((m) => !taken.has(m.license.LicenseArn!));
    let matches = open.filter((m) => m.tags[MANIFEST_TAG] === manifestTagValue(key));
    if (matches.length === 0) {
      matches = open.filter((m) => {
        const named = m.tags[MANIFEST_TAG];
        return (named === undefined || !keys.has(named)) && m.license.LicenseName === manifest.document.LicenseName;
      });
    }
    if (matches.length === 1) {
      const [match] = matches as [Marked];
      taken.add(match.license.LicenseArn!);
      found.set(manifest.file, { ok: true, license: match.license });
    } else if (matches.length > 1) {
      const arns = matches.map((m) => m.license.LicenseArn).join(', ');
      const message = `${matches.length} licenses created by license-gitops match this manifest (${arns}); put the right one's LicenseArn into the manifest, and prune or delete the others`;
      found.set(manifest.file, { ok: false, error: licenseError('AMBIGUOUS_ADOPTION', message, subject) });
    }
  }
  return found;
}

/**
 * For each license the plan creates, the deleted licenses earlier creates of its
 * manifest made (see `CreatedLicenses.retired`), from the same listing adoption
 * read: a token an earlier, since deleted, create used is spent, so the create's
 * token covers its license too.
 */
export async function withRetired(
  steps: readonly PlanStep[],
  created: CreatedLicenses,
  manifestDir: string | undefined,
): Promise<PlanStep[]> {
  return Promise.all(
    steps.map(async (step) => {
      if (step.action !== 'create' || !isLicenseStep(step)) return step;
      const gone = await created.retired(step.desired);
      const key = manifestKey(step.file, manifestDir);
      let retired: string[] = [];
      for (let spent = gone.get(createRequest(step.desired, key).ClientToken); spent;) {
        retired = [...retired, ...spent];
        spent = gone.get(createRequest(step.desired, key, retired).ClientToken);
      }
      return retired.length > 0 ? { ...step, retired } : step;
    }),
  );
}
