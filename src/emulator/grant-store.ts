/**
 * The emulator's grants with their full history, in the form the service
 * answers with (output names: GrantedOperations, GranteePrincipalArn,
 * GrantStatus). Readers always receive copies.
 */
import { randomBytes } from 'node:crypto';
import { copy, isObject } from './form.js';
import { isGone, VersionedStore } from './store.js';

/** What CreateGrant decides; the store adds GrantArn, GrantStatus and Version. */
interface NewGrant {
  GrantName: string;
  ParentArn: string;
  LicenseArn: string;
  GranteePrincipalArn: string;
  HomeRegion: string;
  GrantedOperations: string[];
}

/** A grant as GetGrant and ListDistributedGrants answer it. */
export type Grant = Record<string, unknown> &
  NewGrant & { GrantArn: string; GrantStatus: string; Version: string; StatusReason?: string };

/** How a stale SourceVersion on CreateGrantVersion is answered (the API reference documents neither). */
export type GrantVersionMismatch = 'ValidationException' | 'ConflictException';

/** An account root (`arn:aws:iam::111122223333:root`), an organization or an organizational unit: the principals a grant can name. */
const PRINCIPAL =
  /^arn:aws[a-zA-Z-]*:(?:iam::(\d{12}):root|organizations::(\d{12}):(?:organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}))$/;

/** The account a principal ARN names (for an organization or an OU, the organization's management account), or undefined. */
export function principalAccount(arn: string): string | undefined {
  const match = PRINCIPAL.exec(arn);
  return match ? (match[1] ?? match[2]) : undefined;
}

export class GrantStore extends VersionedStore<Grant> {
  constructor(
    readonly accountId: string,
    /** The error a stale CreateGrantVersion gets. */
    readonly versionMismatch: GrantVersionMismatch = 'ValidationException',
  ) {
    super();
  }

  /** Adds a grant as given (a seed), replacing one with the same GrantArn. */
  insert(grant: Grant): void {
    this.versions.set(grant.GrantArn, [answerForm(grant)]);
  }

  /** A new grant at Version "1", waiting for the grantee (CreateGrant decides the rest). */
  create(fields: NewGrant): Grant {
    const arn = `arn:aws:license-manager::${this.accountId}:grant:g-${randomBytes(16).toString('hex')}`;
    return this.start(arn, answerForm({ ...fields, GrantArn: arn, GrantStatus: 'PENDING_ACCEPT', Version: '1' }));
  }

  /**
   * The grantee's move (the `concurrent-write` fault): a pending grant is accepted;
   * any other live grant gets a new version as it is. Unknown or deleted grants are left alone.
   */
  commitAsGrantee(arn: string): void {
    const current = this.versions.get(arn)?.at(-1);
    if (!current || isGone(current.GrantStatus)) return;
    this.next(arn, current.GrantStatus === 'PENDING_ACCEPT' ? { GrantStatus: 'ACTIVE' } : {});
  }

  /** Appends the next version of a known grant with `changes` applied. */
  next(arn: string, changes: Partial<Grant>): Grant {
    return this.append(arn, (current, Version) => answerForm({ ...current, ...changes, Version }));
  }
}

/** Grant members in the service's order, undefined members left out. */
function answerForm(grant: Record<string, unknown>): Grant {
  const order = [
    'GrantArn',
    'GrantName',
    'ParentArn',
    'LicenseArn',
    'GranteePrincipalArn',
    'HomeRegion',
    'GrantStatus',
    'StatusReason',
    'Version',
    'GrantedOperations',
    'Options',
  ];
  const out: Record<string, unknown> = {};
  for (const key of order) if (grant[key] !== undefined && grant[key] !== null) out[key] = copy(grant[key]);
  return out as Grant;
}

/** Checks an untrusted seed grant; a message naming the problem, or undefined. */
export function seedGrantProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'a grant must be an object';
  const grant = value;
  for (const name of ['GrantArn', 'LicenseArn'] as const) {
    if (typeof grant[name] !== 'string' || grant[name] === '') return `${name} must be a non-empty string`;
  }
  for (const name of ['GrantName', 'GranteePrincipalArn', 'HomeRegion', 'GrantStatus'] as const) {
    if (grant[name] !== undefined && typeof grant[name] !== 'string')
      return `${String(grant.GrantArn)}: ${name} must be a string`;
  }
  if (
    grant.GrantedOperations !== undefined &&
    !(Array.isArray(grant.GrantedOperations) && grant.GrantedOperations.length > 0)
  )
    return `${String(grant.GrantArn)}: GrantedOperations must be a non-empty array`;
  if (grant.Version !== undefined && !(typeof grant.Version === 'string' && /^[1-9]\d*$/.test(grant.Version)))
    return `${String(grant.GrantArn)}: Version must be a positive integer as a string`;
  return undefined;
}

/**
 * A checked seed grant with its defaults: named after its ARN, granted to
 * 111122223333, CheckoutLicense, ParentArn the license, HomeRegion the given
 * one (the license's, when the caller knows it), PENDING_ACCEPT, Version "1".
 */
export function seededGrant(value: Record<string, unknown>, homeRegion = 'us-east-1'): Grant {
  return {
    GrantName: String(value.GrantArn).split(':').at(-1),
    ParentArn: value.LicenseArn,
    GranteePrincipalArn: 'arn:aws:iam::111122223333:root',
    HomeRegion: homeRegion,
    GrantStatus: 'PENDING_ACCEPT',
    Version: '1',
    GrantedOperations: ['CheckoutLicense'],
    ...value,
  } as Grant;
}
