import type { GrantsRead, LiveRead, Manifest, Pairing } from './types.js';

/**
 * Pairs each manifest with the read of its LicenseArn, in manifest order.
 * A manifest whose license was not read gets `read: undefined`.
 *
 * A manifest without a LicenseArn declares a new license: it is paired with
 * the license this tool already created for it, if one was found (`found`,
 * keyed by file; the ARN never reached git), which is then adopted; else it
 * has no read and plans as a create. Live licenses without a manifest are
 * retirements, planned apart (`planRetirement`). A manifest that manages its
 * license's grants gets the read of them (`grants`, keyed by LicenseArn).
 */
export function pair(
  manifests: readonly Manifest[],
  reads: ReadonlyMap<string, LiveRead>,
  found: ReadonlyMap<string, LiveRead> = new Map(),
  grants: ReadonlyMap<string, GrantsRead> = new Map(),
): Pairing[] {
  return manifests.map((manifest) => {
    const arn = manifest.document.LicenseArn;
    const pairing: Pairing = (() => {
      if (arn !== undefined) return { manifest, read: reads.get(arn) };
      const adopted = found.get(manifest.file);
      return adopted ? { manifest, read: adopted, adopted: true } : { manifest, read: undefined };
    })();
    const licenseArn = arn ?? (pairing.read?.ok ? pairing.read.license.LicenseArn : undefined);
    const read = licenseArn !== undefined ? grants.get(licenseArn) : undefined;
    return read ? { ...pairing, grants: read } : pairing;
  });
}
