/**
 * The Action's run: the same core the CLI uses. Load the manifests (working
 * tree, optionally limited to those changed since a ref), then plan or apply
 * against License Manager through the AWS adapter.
 */
import { AwsLicenseService } from '../aws/license-service.js';
import { onTermination } from '../commands/signals.js';
import { apply, plan, type RunOptions } from '../run/pipeline.js';
import { dirtyTreeError, loadManifestSet } from '../run/sources.js';
import type { ActionInputs } from './inputs.js';
import type { RunResult } from './result.js';

export async function reconcile(inputs: ActionInputs, log: (line: string) => void): Promise<RunResult> {
  const set = await loadManifestSet({
    dir: inputs.directory,
    committed: inputs.command === 'apply', // apply reads HEAD through git: what is committed is what is applied
    ...(inputs.changedSince ? { changedSince: inputs.changedSince } : {}),
  });
  const dirty =
    inputs.command === 'apply'
      ? dirtyTreeError(set, inputs.directory, 'Commit them in the workflow, or remove the step that changes them.')
      : undefined;
  if (dirty) return { kind: 'invalid', command: 'apply', errors: [dirty] };
  // A cancelled job gets SIGINT, then SIGTERM: apply starts no new write and reports what it did.
  const termination =
    inputs.command === 'apply'
      ? onTermination((signal) => log(`${signal} received: no new calls will start`))
      : undefined;
  const service = new AwsLicenseService({
    ...(inputs.endpointUrl ? { endpoint: inputs.endpointUrl } : {}),
    maxSockets: inputs.concurrency,
  });
  const options: RunOptions = {
    concurrency: inputs.concurrency,
    ...(termination ? { signal: termination.signal } : {}),
  };
  try {
    if (inputs.command === 'plan') {
      const planned = await plan(set, service, options);
      return planned.ok
        ? { kind: 'plan', plan: planned.plan }
        : { kind: 'invalid', command: 'plan', errors: planned.errors };
    }
    const applied = await apply(set, service, options);
    return applied.ok ? { kind: 'apply', ...applied } : { kind: 'invalid', command: 'apply', errors: applied.errors };
  } finally {
    termination?.dispose();
    service.destroy();
  }
}
