/**
 * The emulator's licenses with their full history. Every version is kept in
 * answer form (see form.ts); readers always receive copies.
 */
import { randomBytes } from 'node:crypto';
import { answerForm, copy, type License } from './form.js';

/** Members a new version takes from the request; ProductSKU and Beneficiary stay as created. */
const VERSIONED_MEMBERS = [
  'LicenseName',
  'ProductName',
  'Issuer',
  'HomeRegion',
  'Status',
  'Validity',
  'Entitlements',
  'ConsumptionConfiguration',
  'LicenseMetadata',
] as const;

/** Statuses under which a license can no longer be changed. */
const DELETED_STATUSES = new Set(['DELETED', 'PENDING_DELETE']);

export function isDeleted(license: License): boolean {
  return DELETED_STATUSES.has(String(license.Status));
}

export class LicenseStore {
  /** Versions per ARN, oldest first. Map order is creation order, which ListLicenses pages through. */
  readonly #versions = new Map<string, License[]>();
  /** Each license's place in creation order (the order ListLicenses answers in), kept when a seed replaces it. */
  readonly #created = new Map<string, number>();
  #placed = 0;

  constructor(
    readonly accountId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** How many licenses exist (deleted ones included). */
  get size(): number {
    return this.#versions.size;
  }

  has(arn: string): boolean {
    return this.#versions.has(arn);
  }

  /** The current version, or the given one; undefined if either is unknown. */
  get(arn: string, version?: string): License | undefined {
    const versions = this.#versions.get(arn);
    if (!versions) return undefined;
    const found = version === undefined ? versions.at(-1) : versions.find((v) => v.Version === version);
    return found && copy(found);
  }

  /** Every version of a license, oldest first; undefined if unknown. */
  history(arn: string): License[] | undefined {
    const versions = this.#versions.get(arn);
    return versions && copy(versions);
  }

  /** The current version of every license, in creation order. */
  list(): License[] {
    return copy([...this.scan()]);
  }

  /** Like list() but without copying, for handlers that copy only what they answer. Never mutate the result. */
  scan(): readonly License[] {
    return [...this.#versions.values()].map((versions) => versions.at(-1) as License);
  }

  /** The current version of each of these licenses that exists, in creation order, without copying (as scan). */
  scanOnly(arns: ReadonlySet<string>): readonly License[] {
    const found = [...arns].flatMap((arn) => {
      const versions = this.#versions.get(arn);
      return versions ? [versions.at(-1) as License] : [];
    });
    const place = (license: License) => this.#created.get(license.LicenseArn) ?? 0;
    return found.sort((a, b) => place(a) - place(b));
  }

  /** Adds a license as given (a seed): its older versions first, then the current one. Replaces an existing ARN. */
  insert(current: License, older: License[] = []): void {
    const finish = (v: License): License =>
      this.#finish(v, v.Version, { createTime: v.CreateTime, keepFingerprint: true });
    this.#versions.set(current.LicenseArn, [...older, current].map(finish));
    if (!this.#created.has(current.LicenseArn)) this.#created.set(current.LicenseArn, this.#placed++);
  }

  /** Creates a license at Version "1" from CreateLicense members; returns it. */
  create(input: Record<string, unknown>): License {
    const arn = `arn:aws:license-manager::${this.accountId}:license:l-${randomBytes(16).toString('hex')}`;
    const license = this.#finish(
      {
        ...pick(input, ['LicenseName', 'ProductName', 'ProductSKU', 'Issuer', 'HomeRegion']),
        Status: 'AVAILABLE',
        ...pick(input, ['Validity', 'Beneficiary', 'Entitlements', 'ConsumptionConfiguration', 'LicenseMetadata']),
        LicenseArn: arn,
        Version: '1',
      },
      '1',
    );
    this.#versions.set(arn, [license]);
    this.#created.set(arn, this.#placed++);
    return copy(license);
  }

  /**
   * Appends the next version of a known license: the versioned members come from
   * `input`, ProductSKU and Beneficiary from the current version. Returns it.
   */
  createVersion(arn: string, input: Record<string, unknown>): License {
    const versions = this.#versionsOf(arn);
    const current = versions.at(-1) as License;
    const next = String(Number(current.Version) + 1);
    const license = this.#finish(
      {
        ...pick(input, ['LicenseName', 'ProductName']),
        ProductSKU: current.ProductSKU,
        ...pick(input, ['Issuer', 'HomeRegion', 'Status', 'Validity']),
        Beneficiary: current.Beneficiary,
        ...pick(input, ['Entitlements', 'ConsumptionConfiguration', 'LicenseMetadata']),
        LicenseArn: arn,
        Version: next,
      },
      next,
    );
    versions.push(license);
    return copy(license);
  }

  /**
   * Another writer's change (the `concurrent-write` fault): the next version of a
   * live license with metadata `ChangedBy=<changedBy>`. Unknown or deleted licenses are left alone.
   */
  commitAsOtherWriter(arn: string, changedBy: string): void {
    const current = this.#versions.get(arn)?.at(-1);
    if (!current || isDeleted(current)) return;
    const members = pick(current, VERSIONED_MEMBERS);
    const metadata = ((members.LicenseMetadata ?? []) as Array<{ Name?: unknown }>).filter(
      (e) => e.Name !== 'ChangedBy',
    );
    this.createVersion(arn, { ...members, LicenseMetadata: [...metadata, { Name: 'ChangedBy', Value: changedBy }] });
  }

  /** Marks the current version DELETED (or PENDING_DELETE) without bumping Version; returns the deletion instant. */
  markDeleted(arn: string, status: 'DELETED' | 'PENDING_DELETE' = 'DELETED'): string {
    const versions = this.#versionsOf(arn);
    const current = versions.at(-1) as License;
    versions[versions.length - 1] = { ...current, Status: status };
    return this.now().toISOString();
  }

  /** Drops a license and its history, as if it never was; answers the instant. */
  forget(arn: string): string {
    this.#versionsOf(arn);
    this.#versions.delete(arn);
    this.#created.delete(arn);
    return this.now().toISOString();
  }

  #versionsOf(arn: string): License[] {
    const versions = this.#versions.get(arn);
    if (!versions) throw new Error(`emulator store: ${arn} is unknown (a handler skipped its existence check)`);
    return versions;
  }

  /** Puts a version in answer form with its server members: LicenseArn first, Version and CreateTime last, Issuer.KeyFingerprint. */
  #finish(fields: Record<string, unknown>, version: string, seeded: SeededServerFields = {}): License {
    const { LicenseArn, Version: _ignored, CreateTime: _also, ...rest } = fields;
    const issuer = rest.Issuer as Record<string, unknown> | undefined;
    const given = seeded.keepFingerprint ? issuer?.KeyFingerprint : undefined;
    const withFingerprint =
      issuer && typeof issuer.Name === 'string'
        ? {
            ...rest,
            Issuer: {
              Name: issuer.Name,
              SignKey: issuer.SignKey,
              KeyFingerprint: given ?? this.#fingerprint(issuer.Name),
            },
          }
        : rest;
    return answerForm({
      LicenseArn,
      ...withFingerprint,
      CreateTime: typeof seeded.createTime === 'string' ? seeded.createTime : this.now().toISOString(),
      Version: version,
    }) as unknown as License;
  }

  #fingerprint(issuerName: string): string {
    return `aws:${this.accountId}:${issuerName}:issuer-fingerprint`;
  }
}

/** Server members a seed may set itself; requests never can. */
interface SeededServerFields {
  createTime?: unknown;
  keepFingerprint?: boolean;
}

/** The given members of `source` that are present, in the order given. */
function pick(source: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) if (source[name] !== undefined) out[name] = copy(source[name]);
  return out;
}
