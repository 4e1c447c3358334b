import type { LiveRead, Manifest, Pairing } from './types.js';

/**
 * Pairs each manifest with the read of its LicenseArn, in manifest order.
 * A manifest whose license was not read gets `read: undefined`.
 *
 * A manifest without a LicenseArn declares a new license: it is paired with
 * the license this tool already created for it, if one was found (`found`,
 * keyed by file; the ARN never reached git), which is then adopted; else it
 * has no read and plans as a create. Live licenses without a manifest are
 * retirements, planned apart (`planRetirement`). Grants and tags are planned
 * from the license steps by their kinds (src/kinds/).
 */
export function pair(
  manifests: readonly Manifest[],
  reads: ReadonlyMap<string, LiveRead>,
  found: ReadonlyMap<string, LiveRead> = new Map(),
): Pairing[] {
  return manifests.map((manifest) => {
    const arn = manifest.document.LicenseArn;
    if (arn !== undefined) return { manifest, read: reads.get(arn) };
    const adopted = found.get(manifest.file);
    return adopted ? { manifest, read: adopted, adopted: true } : { manifest, read: undefined };
  });
}
