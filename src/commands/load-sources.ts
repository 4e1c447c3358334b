/**
 * The run's manifests from the settled flags, through git. Kept apart from
 * context.ts, which `validate` loads, so that `validate` loads git only for --ref.
 */
import { loadManifestSet, type ManifestSet } from '../run/sources.js';
import type { CommonArgs } from './context.js';

/** The run's manifests; `committed`: HEAD's, through git (apply), not the working tree. */
export function loadSources(args: CommonArgs, committed = false): Promise<ManifestSet> {
  return loadManifestSet({
    dir: args.dir,
    committed,
    ...(args.ref ? { ref: args.ref } : {}),
    ...(args.changedSince ? { changedSince: args.changedSince } : {}),
    ...(args.base ? { base: args.base } : {}),
    ...(args.base && args.configChange ? { configChange: args.configChange } : {}),
  });
}
