/**
 * The emulator's licenses (and, on the same base, its grants: grant-store.ts)
 * with their full history. Readers always receive copies.
 */
import { randomBytes } from 'node:crypto';
import { answerForm, copy, type License } from './form.js';

/** Statuses under which a license or a grant can no longer be changed. */
const GONE = new Set(['DELETED', 'PENDING_DELETE']);

export function isGone(status: unknown): boolean {
  return GONE.has(String(status));
}

/**
 * Resources with their full history, by ARN. Map order is creation order (a
 * seed replacing one keeps its place), which the List operations page through.
 */
export class VersionedStore<T extends { Version: string }> {
  /** Versions per ARN, oldest first. */
  protected readonly versions = new Map<string, T[]>();

  /** How many exist (deleted ones included). */
  get size(): number {
    return this.versions.size;
  }

  has(arn: string): boolean {
    return this.versions.has(arn);
  }

  /** The current version, or the given one; undefined if either is unknown. */
  get(arn: string, version?: string): T | undefined {
    const versions = this.versions.get(arn);
    const found = version === undefined ? versions?.at(-1) : versions?.find((v) => v.Version === version);
    return found && copy(found);
  }

  /** Every version, oldest first; undefined if unknown. */
  history(arn: string): T[] | undefined {
    const versions = this.versions.get(arn);
    return versions && copy(versions);
  }

  /** The current version of each, in creation order. */
  list(): T[] {
    return copy([...this.scan()]);
  }

  /** Like list() but without copying, for handlers that copy only what they answer. Never mutate the result. */
  scan(): readonly T[] {
    return [...this.versions.values()].map((versions) => versions.at(-1) as T);
  }

  /** Starts the history of a new ARN with its first version; returns a copy. */
  protected start(arn: string, first: T): T {
    this.versions.set(arn, [first]);
    return copy(first);
  }

  /** Appends the next version of a known ARN, made from the current one and the next Version; returns a copy. */
  protected append(arn: string, make: (current: T, version: string) => T): T {
    const versions = this.versionsOf(arn);
    const current = versions.at(-1) as T;
    const next = make(current, String(Number(current.Version) + 1));
    versions.push(next);
    return copy(next);
  }

  /** The versions of a known ARN. */
  protected versionsOf(arn: string): T[] {
    const versions = this.versions.get(arn);
    if (!versions) throw new Error(`emulator store: ${arn} is unknown (a handler skipped its existence check)`);
    return versions;
  }
}

/** The licenses; every version is kept in answer form (see form.ts), and readers always receive copies. */
export class LicenseStore extends VersionedStore<License> {
  constructor(
    readonly accountId: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    super();
  }

  /** Adds a license as given (a seed): its older versions first, then the current one. Replaces an existing ARN. */
  insert(current: License, older: License[] = []): void {
    const versions = [...older, current].map((v) => this.#finish(v, true));
    this.versions.set(current.LicenseArn, versions);
  }

  /** Creates a license at Version "1" from CreateLicense members; returns it. */
  create(input: Record<string, unknown>): License {
    const arn = `arn:aws:license-manager::${this.accountId}:license:l-${randomBytes(16).toString('hex')}`;
    const license = this.#finish({
      ...pick(input, ['LicenseName', 'ProductName', 'ProductSKU', 'Issuer', 'HomeRegion']),
      Status: 'AVAILABLE',
      ...pick(input, ['Validity', 'Beneficiary', 'Entitlements', 'ConsumptionConfiguration', 'LicenseMetadata']),
      LicenseArn: arn,
      Version: '1',
    });
    return this.start(arn, license);
  }

  /**
   * Appends the next version of a known license: the versioned members come from
   * `input`, ProductSKU and Beneficiary from the current version. Returns it.
   */
  createVersion(arn: string, input: Record<string, unknown>): License {
    return this.append(arn, (current, version) =>
      this.#finish({
        ...pick(input, ['LicenseName', 'ProductName']),
        ProductSKU: current.ProductSKU,
        ...pick(input, ['Issuer', 'HomeRegion', 'Status', 'Validity']),
        Beneficiary: current.Beneficiary,
        ...pick(input, ['Entitlements', 'ConsumptionConfiguration', 'LicenseMetadata']),
        LicenseArn: arn,
        Version: version,
      }),
    );
  }

  /**
   * Another writer's change (the `concurrent-write` fault): the next version of a
   * live license with metadata `ChangedBy=<changedBy>`. Unknown or deleted licenses are left alone.
   */
  commitAsOtherWriter(arn: string, changedBy: string): void {
    const current = this.versions.get(arn)?.at(-1);
    if (!current || isGone(current.Status)) return;
    const metadata = ((current.LicenseMetadata ?? []) as Array<{ Name?: unknown }>).filter(
      (e) => e.Name !== 'ChangedBy',
    );
    this.createVersion(arn, { ...current, LicenseMetadata: [...metadata, { Name: 'ChangedBy', Value: changedBy }] });
  }

  /** Marks the current version DELETED (or PENDING_DELETE) without bumping Version; returns the deletion instant. */
  markDeleted(arn: string, status: 'DELETED' | 'PENDING_DELETE'): string {
    const versions = this.versionsOf(arn);
    versions[versions.length - 1] = { ...(versions.at(-1) as License), Status: status };
    return this.now().toISOString();
  }

  /** Drops a license and its history, as if it never was; answers the instant. */
  forget(arn: string): string {
    this.versionsOf(arn);
    this.versions.delete(arn);
    return this.now().toISOString();
  }

  /**
   * Puts a version in answer form with its server members: LicenseArn first, CreateTime and Version last,
   * Issuer.KeyFingerprint. Only a seed (`seeded`) may set CreateTime and KeyFingerprint itself.
   */
  #finish(fields: Record<string, unknown>, seeded = false): License {
    const { LicenseArn, Version, CreateTime, ...rest } = fields;
    const issuer = rest.Issuer as Record<string, unknown> | undefined;
    const given = seeded ? issuer?.KeyFingerprint : undefined;
    const withFingerprint =
      issuer && typeof issuer.Name === 'string'
        ? {
            ...rest,
            Issuer: {
              Name: issuer.Name,
              SignKey: issuer.SignKey,
              KeyFingerprint: given ?? `aws:${this.accountId}:${issuer.Name}:issuer-fingerprint`,
            },
          }
        : rest;
    return answerForm({
      LicenseArn,
      ...withFingerprint,
      CreateTime: seeded && typeof CreateTime === 'string' ? CreateTime : this.now().toISOString(),
      Version,
    }) as unknown as License;
  }
}

/** The given members of `source` that are present, in the order given. */
function pick(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (source[name] !== undefined) out[name] = copy(source[name]);
  return out;
}
