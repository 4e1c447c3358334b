/**
 * The Action's run: the same core the CLI uses. Load the manifests (working
 * tree or a ref, optionally limited to those changed since a ref), then plan or
 * apply against License Manager through the AWS adapter.
 */
import { assembleRun } from '../run/assembly.js';
import { progressReporter } from '../commands/progress.js';
import { onTermination } from '../commands/signals.js';
import { apply, plan } from '../run/pipeline.js';
import { dirtyTreeError, loadManifestSet } from '../run/sources.js';
import type { RunResult } from './result.js';
import type { RunSettings } from './settings.js';
import { expiryWindow } from '../run/expiry-window.js';

export async function reconcile(settings: RunSettings, log: (line: string) => void): Promise<RunResult> {
  const set = await loadManifestSet({
    dir: settings.directory,
    committed: settings.command === 'apply', // apply reads HEAD through git: what is committed is what is applied
    ...(settings.ref ? { ref: settings.ref } : {}),
    ...(settings.changedSince ? { changedSince: settings.changedSince } : {}),
    ...(settings.base ? { base: settings.base } : {}),
    ...(settings.configChange ? { configChange: settings.configChange } : {}),
  });
  const dirty =
    settings.command === 'apply'
      ? dirtyTreeError(set, settings.directory, 'Commit them in the workflow, or remove the step that changes them.')
      : undefined;
  if (dirty) return { kind: 'invalid', command: 'apply', errors: [dirty] };
  // A cancelled job gets SIGINT, then SIGTERM: apply starts no new write and reports what it did.
  const termination =
    settings.command === 'apply'
      ? onTermination((signal) => log(`${signal} received: no new calls will start`))
      : undefined;
  const { service, options } = await assembleRun(settings, {
    note: log,
    ...(termination ? { signal: termination.signal } : {}),
    // A long run says how far it got, a line every few seconds in the job log.
    onProgress: progressReporter((line) => log(line.trimEnd()), { tty: false }).update,
  });
  const window = expiryWindow(settings.expiryWarning, process.env);
  if (!window.ok) return { kind: 'invalid', command: settings.command, errors: [window.error] };
  const withExpiry = { ...options, expiry: window.window };
  try {
    if (settings.command === 'plan') {
      const planned = await plan(set, service, withExpiry);
      return planned.ok
        ? { kind: 'plan', plan: planned.plan }
        : { kind: 'invalid', command: 'plan', errors: planned.errors };
    }
    const applied = await apply(set, service, withExpiry);
    return applied.ok ? { kind: 'apply', ...applied } : { kind: 'invalid', command: 'apply', errors: applied.errors };
  } finally {
    termination?.dispose();
    service.destroy();
  }
}
