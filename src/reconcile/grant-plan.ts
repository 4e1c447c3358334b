/**
 * What a run will do to each grant of a license whose manifest manages them
 * (`Grants` present): create it, nothing, one pinned CreateGrantVersion, one
 * pinned DeleteGrant (only with --prune), or an error. Grant steps follow their
 * license's step and speak the same vocabulary; patch paths are
 * `/Grants/<GrantName>/…`, and the pin is the grant's own Version.
 */
import jsonpatch from 'fast-json-patch';
import { carryIgnored, ignoreRules } from './diff.js';
import { stepError, type ErrorCode } from './errors.js';
import { comparableGrant, granteeStatus, normalizeGrant } from './grant-normalize.js';
import { GRANT_VERSION_MEMBERS } from './grant-request.js';
import { isGoneStatus } from './gone.js';
import type {
  Comparable,
  GrantEntry,
  GrantStep,
  GrantsRead,
  LicenseStep,
  LiveGrant,
  Operation,
  PlanOptions,
} from './types.js';

/** The grant steps of one license, after its license step; none when the manifest doesn't manage grants. */
export function planGrants(license: LicenseStep, read: GrantsRead | undefined, options: PlanOptions = {}): GrantStep[] {
  const entries = license.desired.Grants;
  if (entries === undefined) return [];
  // The license is created in this run: its grants are all new, created once it exists.
  if (license.action === 'create') return entries.map((entry) => createStep(license, entry));
  // The license can't be planned: its error says why; nothing is done to its grants.
  if (license.action === 'error') return [];
  if (!read) return [errorStep(base(license, ''), 'READ_FAILED', "the license's grants were not read")];
  if (!read.ok) {
    const message = `the license's grants could not be read: ${read.error.message}`;
    return [errorStep(base(license, ''), read.error.code, message, read.error.cause)];
  }
  return pairGrants(entries, read.grants).map((pairing) => planGrant(license, pairing, options, read.grants));
}

function planGrant(
  license: LicenseStep,
  pairing: GrantPairing,
  options: PlanOptions,
  listed: readonly LiveGrant[],
): GrantStep {
  switch (pairing.kind) {
    case 'new':
      return createStep(license, pairing.entry, retiredGrants(pairing.entry, listed));
    case 'live':
      return liveStep(license, pairing, options);
    case 'missing': {
      const arn = pairing.entry.GrantArn ?? '';
      const status = pairing.live?.GrantStatus;
      const message = `grant ${arn} is ${status ? status : 'not a grant of this license'}; remove its GrantArn from the manifest to create a new grant`;
      const step = base(license, pairing.entry.GrantName, { entry: pairing.entry, arn });
      return errorStep(step, status ? 'DELETED' : 'NOT_FOUND', message);
    }
    case 'principal-changed': {
      const { entry, live } = pairing;
      const message =
        `/Grants/${entry.GrantName}/Principals: a grant's principal can't change (live ${String(live.GranteePrincipalArn)}, manifest ${String(entry.Principals[0])}); ` +
        `add a new entry under a new name for the new principal, and remove this one (apply --prune deletes it)`;
      return errorStep(base(license, entry.GrantName, { entry }, live), 'IMMUTABLE', message);
    }
    case 'removed':
      return removedStep(license, pairing.live, options);
  }
}

function createStep(license: LicenseStep, entry: GrantEntry, retired: string[] = []): GrantStep {
  return {
    ...base(license, entry.GrantName, { entry, ...(retired.length > 0 ? { retired } : {}) }),
    action: 'create',
    patch: [{ op: 'add', path: grantPath(entry.GrantName), value: normalizeGrant(entry) }],
  };
}

/** Deleted grants of the license with the entry's name and principal, as the plan listed them. */
function retiredGrants(entry: GrantEntry, listed: readonly LiveGrant[]): string[] {
  return listed
    .filter((g) => isGoneStatus(g.GrantStatus) && sameGrant(entry, g))
    .flatMap((g) => (typeof g.GrantArn === 'string' ? [g.GrantArn] : []));
}

/** An entry whose grant is live: nothing, or one CreateGrantVersion pinned to the version read. */
function liveStep(license: LicenseStep, pairing: LivePairing, options: PlanOptions): GrantStep {
  const { entry, live, adopted } = pairing;
  const { desired, observed } = comparableGrant(entry, live);
  const keyed = (doc: Comparable): Comparable => ({ Grants: { [entry.GrantName]: doc } });
  // The one ignore mechanism: the entry sent holds the live value at each ignored pointer.
  const carriedIn = carryIgnored(keyed(desired), keyed(observed), ignoreRules(options, license.file));
  const sent = (carriedIn.Grants as Record<string, Comparable>)[entry.GrantName] ?? {};
  const patch = wholeLists(jsonpatch.compare(keyed(observed), keyed(sent)), entry.GrantName, sent);
  const status = live.GrantStatus === 'ACTIVE' ? {} : { note: granteeStatus(live) };
  const paired = base(license, entry.GrantName, { entry }, live);
  const step = {
    ...paired,
    grant: { ...paired.grant, entry: carried(entry, desired, sent) },
    sourceVersion: String(live.Version ?? ''),
    ...(adopted ? { adopted: true } : {}),
    ...status,
  };
  if (typeof live.Version !== 'string' || live.Version === '')
    return errorStep(step, 'READ_FAILED', `grant ${String(live.GrantArn)} has no Version to pin a change to`);
  if (patch.length === 0) return { ...step, action: 'noop' };
  return { ...step, action: 'update', patch, observed: keyed(normalizeGrant(live)) };
}

/**
 * The entry as apply sends it: as written, unless an ignore rule kept a live value
 * the entry differs in; then those members are the live ones (absent where live has none).
 */
function carried(entry: GrantEntry, wanted: Comparable, sent: Comparable): GrantEntry {
  if (jsonpatch.compare(wanted, sent).length === 0) return entry;
  const copy: Record<string, unknown> = { ...entry };
  for (const member of GRANT_VERSION_MEMBERS) {
    if (Object.hasOwn(sent, member)) copy[member] = sent[member];
    else if (Object.hasOwn(wanted, member)) delete copy[member];
  }
  return copy as unknown as GrantEntry;
}

/** A live grant no entry claims: deleted (pinned) with --prune, otherwise shown and left alone. */
function removedStep(license: LicenseStep, live: LiveGrant, options: PlanOptions): GrantStep {
  const name = String(live.GrantName ?? live.GrantArn);
  const step = {
    ...base(license, name, { removed: true }, live),
    sourceVersion: String(live.Version ?? ''),
    observed: { Grants: { [name]: normalizeGrant(live) } },
  };
  if (!options.prune) {
    const note = `not in the manifest: left alone (${granteeStatus(live)}); apply deletes it only with --prune`;
    return { ...step, action: 'noop', note };
  }
  return { ...step, action: 'delete', patch: [{ op: 'remove', path: grantPath(name) }], note: granteeStatus(live) };
}

/** `step` as an error about its grant (or, named '', about the license's grants as a whole). */
function errorStep<S extends Omit<GrantStep, 'action'>>(step: S, code: ErrorCode, message: string, cause?: string) {
  return { ...step, action: 'error' as const, error: stepError(step, code, message, cause) };
}

/** A grant step's members but its action; `live`: the live grant it is about, whose ARN and status it names. */
function base(
  license: LicenseStep,
  name: string,
  grant: Omit<GrantStep['grant'], 'name' | 'index'> = {},
  live?: LiveGrant,
) {
  const index = grant.entry ? license.desired.Grants?.indexOf(grant.entry) : undefined;
  return {
    kind: 'grant' as const,
    file: license.file,
    licenseArn: license.licenseArn,
    desired: license.desired,
    grant: {
      name,
      ...grant,
      ...(typeof live?.GrantArn === 'string' ? { arn: live.GrantArn } : {}),
      ...(typeof live?.GrantStatus === 'string' ? { status: live.GrantStatus } : {}),
      ...(index !== undefined && index >= 0 ? { index } : {}),
    },
    patch: [] as Operation[],
  };
}

/** `/Grants/<name>`, the name escaped as RFC 6901 says. */
export function grantPath(name: string): string {
  return `/Grants/${jsonpatch.escapePathComponent(name)}`;
}

/**
 * AllowedOperations is a set: a change shows (and is sent) as the whole list,
 * one `replace`, rather than index by index.
 */
function wholeLists(patch: Operation[], name: string, desired: Comparable): Operation[] {
  const list = `${grantPath(name)}/AllowedOperations`;
  const inList = (op: Operation) => op.path === list || op.path.startsWith(`${list}/`);
  if (!patch.some(inList)) return patch;
  const rest = patch.filter((op) => !inList(op));
  return [...rest, { op: 'replace', path: list, value: desired.AllowedOperations }];
}

/**
 * Pairing: pairs a manifest's grant entries with the license's live grants. An entry
 * with a GrantArn is that grant; an entry without one adopts a live grant of
 * the same name and principal (a GrantArn that never reached git), else it is
 * new. A live grant no entry claims was removed from the manifest. Deleted
 * grants are history, not live.
 */
export type GrantPairing =
  /** The entry's grant is live. `adopted`: found by name and principal, so its GrantArn goes back into the manifest. */
  | { kind: 'live'; entry: GrantEntry; live: LiveGrant; adopted: boolean }
  /** No live grant is this entry's: CreateGrant. */
  | { kind: 'new'; entry: GrantEntry }
  /** The entry names a GrantArn that is not a live grant of this license (`live`: the deleted grant, if listed). */
  | { kind: 'missing'; entry: GrantEntry; live?: LiveGrant }
  /** The entry's grant (by ARN or name) is live for another principal, which can't change in place. */
  | { kind: 'principal-changed'; entry: GrantEntry; live: LiveGrant }
  /** A live grant no entry claims: removed from the manifest. */
  | { kind: 'removed'; live: LiveGrant };

type LivePairing = Extract<GrantPairing, { kind: 'live' }>;

/** One pairing per entry, in manifest order, then one per unclaimed live grant, in listing order. */
export function pairGrants(entries: readonly GrantEntry[], listed: readonly LiveGrant[]): GrantPairing[] {
  const current = listed.filter((g) => !isGoneStatus(g.GrantStatus));
  const byArn = new Map(current.map((g) => [g.GrantArn, g]));
  const claimed = new Set<LiveGrant>();
  for (const entry of entries) {
    const live = entry.GrantArn !== undefined ? byArn.get(entry.GrantArn) : undefined;
    if (live) claimed.add(live);
  }
  const pairings = entries.map((entry): GrantPairing => {
    if (entry.GrantArn !== undefined) {
      const live = byArn.get(entry.GrantArn);
      if (!live) {
        const gone = listed.find((g) => g.GrantArn === entry.GrantArn);
        return gone ? { kind: 'missing', entry, live: gone } : { kind: 'missing', entry };
      }
      return samePrincipal(entry, live)
        ? { kind: 'live', entry, live, adopted: false }
        : { kind: 'principal-changed', entry, live };
    }
    const named = current.filter((g) => !claimed.has(g) && g.GrantName === entry.GrantName);
    const adopted = named.find((g) => samePrincipal(entry, g));
    if (adopted) {
      claimed.add(adopted);
      return { kind: 'live', entry, live: adopted, adopted: true };
    }
    const other = named[0];
    if (other) {
      claimed.add(other);
      return { kind: 'principal-changed', entry, live: other };
    }
    return { kind: 'new', entry };
  });
  const removed = current.filter((g) => !claimed.has(g)).map((live): GrantPairing => ({ kind: 'removed', live }));
  return [...pairings, ...removed];
}

function samePrincipal(entry: Pick<GrantEntry, 'Principals'>, live: LiveGrant): boolean {
  return entry.Principals[0] === live.GranteePrincipalArn;
}

/** Whether `live` has the entry's (or a CreateGrant request's) name and principal. */
export function sameGrant(entry: Pick<GrantEntry, 'GrantName' | 'Principals'>, live: LiveGrant): boolean {
  return live.GrantName === entry.GrantName && samePrincipal(entry, live);
}
