/** The run options of a license's life (create, prune) that plan and apply share. */
import type { AwsLicenseService } from '../aws/license-service.js';
import type { RunOptions } from '../run/pipeline.js';
import type { AwsArgs } from './context.js';

export interface LifecycleArgs {
  /** Retire licenses whose manifest is gone (off by default). */
  prune?: boolean;
  /** With --prune: delete licenses that still have active grants. */
  forceDeleteGranted?: boolean;
}

/**
 * `prune`, `forceDeleteGranted`, the manifest directory the marker names
 * manifests under, and (with prune) the default region, searched for licenses
 * this tool created besides the regions manifests name.
 */
export async function lifecycleOptions(
  args: AwsArgs & LifecycleArgs,
  service: Pick<AwsLicenseService, 'defaultRegion'>,
): Promise<Pick<RunOptions, 'prune' | 'forceDeleteGranted' | 'manifestDir' | 'regions'>> {
  const prune = args.prune ?? false;
  const region = prune ? await service.defaultRegion().catch(() => undefined) : undefined;
  return {
    prune,
    forceDeleteGranted: args.forceDeleteGranted ?? false,
    manifestDir: args.dir,
    ...(region ? { regions: [region] } : {}),
  };
}
