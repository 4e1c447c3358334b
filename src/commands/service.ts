/**
 * The AWS adapter, for the commands that call AWS. Kept apart from context.ts,
 * which `validate` loads, so that `validate` never loads the AWS SDK.
 */
import { AwsLicenseService } from '../aws/license-service.js';
import { redactUrl } from '../aws/redact.js';
import { log, type AwsArgs, type Io } from './context.js';

/** The AWS adapter, from the settled flags. */
export function makeService(args: AwsArgs, io: Io): AwsLicenseService {
  if (args.verbose) {
    const endpoint =
      args.endpointUrl ?? io.env.AWS_ENDPOINT_URL_LICENSE_MANAGER ?? io.env.AWS_ENDPOINT_URL ?? 'the AWS default';
    const pace = args.maxRps !== undefined ? `; at most ${args.maxRps} calls/s per region` : '';
    log(
      io,
      `endpoint: ${endpoint === 'the AWS default' ? endpoint : redactUrl(endpoint)}; concurrency ${args.concurrency}${pace}; timeout ${args.timeout}s; ${args.maxAttempts} attempts per call`,
    );
  }
  return new AwsLicenseService({
    ...(args.endpointUrl ? { endpoint: args.endpointUrl } : {}),
    maxAttempts: args.maxAttempts,
    timeoutMs: args.timeout * 1000,
    maxSockets: args.concurrency,
    ...(args.maxRps !== undefined ? { maxRps: args.maxRps } : {}),
  });
}

/** How plan and apply read licenses: batch size, and where notes about reading go. */
export function readOptions(args: AwsArgs, io: Io): { batchSize?: number; note: (line: string) => void } {
  return { ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}), note: (line) => log(io, line) };
}
