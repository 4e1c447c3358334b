/**
 * The AWS adapter, for the commands that call AWS. Kept apart from context.ts,
 * which `validate` loads, so that `validate` never loads the AWS SDK.
 */
import type { AwsLicenseService } from '../aws/license-service.js';
import { assembleRun, awsService, type RunHooks, type RunSettings } from '../run/assembly.js';
import type { RunOptions } from '../run/pipeline.js';
import type { LifecycleArgs } from './lifecycle-options.js';
import { redactUrl } from '../aws/redact.js';
import { log, type AwsArgs, type Io } from './context.js';

/** The AWS adapter, from the settled flags. */
export function makeService(args: AwsArgs, io: Io): AwsLicenseService {
  describeService(args, io);
  return awsService(args);
}

/** With --verbose: how License Manager is reached (the endpoint's credentials redacted). */
function describeService(args: AwsArgs, io: Io): void {
  if (args.verbose) {
    const endpoint =
      args.endpointUrl ?? io.env.AWS_ENDPOINT_URL_LICENSE_MANAGER ?? io.env.AWS_ENDPOINT_URL ?? 'the AWS default';
    const pace = args.maxRps !== undefined ? `; at most ${args.maxRps} calls/s per region` : '';
    log(
      io,
      `endpoint: ${endpoint === 'the AWS default' ? endpoint : redactUrl(endpoint)}; concurrency ${args.concurrency}${pace}; timeout ${args.timeout}s; ${args.maxAttempts} attempts per call`,
    );
  }
}

/** The run's settings from the settled flags (AwsArgs and the prune flags). */
export function runSettings(args: AwsArgs & LifecycleArgs): RunSettings {
  return {
    ...args,
    directory: args.dir,
    tree: args.manifestTree ?? args.dir,
    ignore: args.ignore ?? [],
    prune: args.prune ?? false,
    forceDeleteGranted: args.forceDeleteGranted ?? false,
    allowInUse: args.allowInUse ?? false,
  };
}

/** The adapter and run options of `plan` and `apply` (run/assembly.ts, as the Action's). */
export async function assemble(
  args: AwsArgs & LifecycleArgs,
  io: Io,
  hooks: Omit<RunHooks, 'note'>,
): Promise<{ service: AwsLicenseService; options: RunOptions }> {
  describeService(args, io);
  return assembleRun(runSettings(args), { ...hooks, note: (line) => log(io, line) });
}
