/**
 * The AWS adapter, for the commands that call AWS. Kept apart from context.ts,
 * which `validate` loads, so that `validate` never loads the AWS SDK.
 */
import type { AwsLicenseService } from '../aws/license-service.js';
import { assembleRun, awsService, type RunHooks } from '../run/assembly.js';
import { redactUrl } from '../aws/redact.js';
import { log, type AwsArgs, type Io } from './context.js';

/** The AWS adapter, from the settled flags. */
export function makeService(args: AwsArgs, io: Io): AwsLicenseService {
  describeService(args, io);
  return awsService(args);
}

/** With --verbose: how License Manager is reached (the endpoint's credentials redacted). */
function describeService(args: AwsArgs, io: Io): void {
  if (!args.verbose) return;
  const endpoint = args.endpointUrl ?? io.env.AWS_ENDPOINT_URL_LICENSE_MANAGER ?? io.env.AWS_ENDPOINT_URL;
  const pace = args.maxRps !== undefined ? `; at most ${args.maxRps} calls/s per region` : '';
  log(
    io,
    `endpoint: ${endpoint === undefined ? 'the AWS default' : redactUrl(endpoint)}; concurrency ${args.concurrency}${pace}; timeout ${args.timeout}s; ${args.maxAttempts} attempts per call`,
  );
}

/** The adapter and run options of `plan` and `apply` (run/assembly.ts, as the Action's). */
export function assemble(args: AwsArgs, io: Io, hooks: Omit<RunHooks, 'note'>): ReturnType<typeof assembleRun> {
  describeService(args, io);
  const settings = { ...args, directory: args.dir, tree: args.manifestTree, prune: args.prune ?? false };
  return assembleRun(settings, { ...hooks, note: (line) => log(io, line) });
}
