import type { LiveRead, Manifest, Pairing } from './types.js';

/**
 * Pairs each manifest with the read of its LicenseArn, in manifest order.
 * A manifest whose license was not read gets `read: undefined`.
 *
 * Live licenses without a manifest are not paired here: importing and pruning
 * them are later capabilities.
 */
export function pair(manifests: Manifest[], reads: ReadonlyMap<string, LiveRead>): Pairing[] {
  return manifests.map((manifest) => ({ manifest, read: reads.get(manifest.document.LicenseArn) }));
}
