/**
 * The one assembly of a run, used by the CLI (`plan`, `apply`) and the Action
 * alike: the AWS adapter and the run options from the settled settings, so a
 * setting can't mean one thing in one and another in the other (the regions
 * prune searches, the manifest directory the marker names, the pace).
 */
import path from 'node:path';
import { AwsLicenseService } from '../aws/license-service.js';
import { toPosix } from '../paths.js';
import { present } from '../reconcile/json-values.js';
import type { RunOptions } from './pipeline.js';

/** How License Manager is reached. */
export interface ServiceSettings {
  endpointUrl?: string;
  concurrency: number;
  /** Seconds one HTTP attempt may take. */
  timeout: number;
  /** Attempts per call (the SDK's retry); its default when absent. */
  maxAttempts?: number;
  /** At most this many calls a second per region. */
  maxRps?: number;
}

/** What a plan or an apply runs with, settled from flags or inputs over the configuration file. */
export interface RunSettings
  extends
    ServiceSettings,
    Pick<RunOptions, 'ignoreFor' | 'maxChanges' | 'forceDeleteGranted' | 'allowInUse' | 'batchSize'> {
  /** The manifest directory (--dir). */
  directory: string;
  /** The manifest tree it is part of (settings.ts): markers name manifests from it. */
  tree: string;
  ignore: string[];
  prune: boolean;
}

/** Where a run's notes and progress go, and what stops it. */
export interface RunHooks extends Pick<RunOptions, 'onProgress' | 'signal'> {
  note: (line: string) => void;
}

export function awsService(settings: ServiceSettings): AwsLicenseService {
  return new AwsLicenseService({
    ...present({ endpoint: settings.endpointUrl || undefined, maxAttempts: settings.maxAttempts }),
    timeoutMs: settings.timeout * 1000,
    maxSockets: settings.concurrency,
    ...present({ maxRps: settings.maxRps }),
  });
}

/**
 * The adapter and the options of one run. With prune, the credentials' default
 * region (as the SDK resolves it: AWS_REGION, the profile) is searched for
 * licenses this tool created besides the regions the manifests name; a run over
 * a folder of the tree prunes only what was created from that folder.
 */
export async function assembleRun(
  settings: RunSettings,
  hooks: RunHooks,
): Promise<{ service: AwsLicenseService; options: RunOptions }> {
  const service = awsService(settings);
  const folder = toPosix(path.relative(path.resolve(settings.tree), path.resolve(settings.directory)));
  const region = settings.prune ? await service.defaultRegion().catch(() => undefined) : undefined;
  const options: RunOptions = {
    concurrency: settings.concurrency,
    ignore: settings.ignore,
    ...present({ ignoreFor: settings.ignoreFor, maxChanges: settings.maxChanges }),
    prune: settings.prune,
    forceDeleteGranted: settings.forceDeleteGranted ?? false,
    allowInUse: settings.allowInUse ?? false,
    manifestDir: settings.tree,
    // A run over the whole tree has no folder ('').
    ...present({ folder: folder || undefined, regions: region ? [region] : undefined, batchSize: settings.batchSize }),
    ...hooks,
  };
  return { service, options };
}
