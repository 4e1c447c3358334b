/**
 * The requests apply sends for grant steps, built from the step alone so that
 * what is sent is what the plan shows: CreateGrant with the entry's members;
 * CreateGrantVersion with exactly the members the patch changes, pinned to the
 * version read; DeleteGrant pinned the same way. Each write carries a
 * ClientToken derived from what it does, so a retried or repeated call can't
 * create a second grant or version.
 */
import { grantToken } from './token.js';
import type { CreateGrantRequest, DeleteGrantRequest, GrantVersionRequest } from './ports.js';
import { parsePointer } from './diff.js';
import type { GrantEntry, GrantStep } from './types.js';

/** Members CreateGrantVersion takes from an entry, in the order the API lists them. */
export const GRANT_VERSION_MEMBERS = [
  'GrantName',
  'AllowedOperations',
  'Status',
  'StatusReason',
  'Options',
] as const satisfies readonly (keyof GrantEntry)[];

/**
 * CreateGrant for a `create` step, for the license `licenseArn` (known only once a
 * new license exists). `retired` are deleted grants of that license with the same
 * name and principal (an entry pruned and added again): the token covers them too,
 * so a service that replays a token's first answer can't hand back a deleted grant.
 */
export function createGrantRequest(
  step: GrantStep,
  licenseArn: string,
  retired: readonly string[] = [],
): CreateGrantRequest {
  const entry = entryOf(step);
  const request = {
    GrantName: entry.GrantName,
    LicenseArn: licenseArn,
    Principals: [...entry.Principals],
    HomeRegion: step.desired.HomeRegion,
    AllowedOperations: [...entry.AllowedOperations],
    ...(entry.Tags?.length ? { Tags: entry.Tags.map(({ Key, Value }) => ({ Key, Value })) } : {}),
  };
  return {
    ...request,
    ClientToken: grantToken('CreateGrant', {
      ...request,
      AllowedOperations: [...entry.AllowedOperations].sort(),
      ...(retired.length > 0 ? { Retired: [...retired].sort() } : {}),
    }),
  };
}

/** CreateGrantVersion for an `update` step: the changed members, SourceVersion = the version read. */
export function grantVersionRequest(step: GrantStep): GrantVersionRequest {
  const entry = entryOf(step);
  // The entry's members the patch touches (`/Grants/<name>/<member>/…`).
  const changed = new Set(step.patch.map((op) => parsePointer(op.path)?.[2]));
  const sent = GRANT_VERSION_MEMBERS.filter((member) => changed.has(member) && entry[member] !== undefined);
  const members = Object.fromEntries(sent.map((member) => [member, entry[member]]));
  const request = { GrantArn: step.grant.arn ?? '', SourceVersion: step.sourceVersion ?? '', ...members };
  return { ...request, ClientToken: grantToken('CreateGrantVersion', request) };
}

/** DeleteGrant for a `delete` step: Version = the version read. */
export function deleteGrantRequest(step: GrantStep): DeleteGrantRequest {
  return { GrantArn: step.grant.arn ?? '', Version: step.sourceVersion ?? '' };
}

function entryOf(step: GrantStep): GrantEntry {
  if (!step.grant.entry) throw new Error(`grant step ${step.grant.name} has no manifest entry to send (a bug)`);
  return step.grant.entry;
}
