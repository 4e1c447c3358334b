/**
 * Pairs a manifest's grant entries with the license's live grants. An entry
 * with a GrantArn is that grant; an entry without one adopts a live grant of
 * the same name and principal (a GrantArn that never reached git), else it is
 * new. A live grant no entry claims was removed from the manifest. Deleted
 * grants are history, not live.
 */
import { isGoneStatus } from './gone.js';
import type { GrantEntry, LiveGrant } from './types.js';

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

export function isGone(live: LiveGrant): boolean {
  return isGoneStatus(live.GrantStatus);
}

/** One pairing per entry, in manifest order, then one per unclaimed live grant, in listing order. */
export function pairGrants(entries: readonly GrantEntry[], listed: readonly LiveGrant[]): GrantPairing[] {
  const current = listed.filter((g) => !isGone(g));
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

function samePrincipal(entry: GrantEntry, live: LiveGrant): boolean {
  return entry.Principals[0] === live.GranteePrincipalArn;
}
