/**
 * `license-gitops apply`: non-interactive. Prints the plan, applies it with
 * pinned versions, prints one outcome line per license. Exit 0 only when every
 * license converged; 130/143 when interrupted by SIGINT/SIGTERM.
 */
import { worst } from '../reconcile/outcome.js';
import { applyJson, errorsJson } from '../render/json.js';
import { renderApply, renderPlan } from '../render/text.js';
import { apply } from '../run/pipeline.js';
import {
  loadSources,
  log,
  makeService,
  reportErrors,
  stdoutPaint,
  writeJson,
  type AwsArgs,
  type Io,
} from './context.js';
import { onTermination } from './signals.js';

export async function applyCommand(args: AwsArgs, io: Io): Promise<number> {
  const set = await loadSources(args);
  const service = await makeService(args, io);
  const termination = onTermination((signal) =>
    log(io, `${signal} received: no new calls will start; waiting for calls in flight…`),
  );
  try {
    const applied = await apply(set, service, {
      concurrency: args.concurrency,
      ignore: args.ignore ?? [],
      signal: termination.signal,
    });
    if (!applied.ok) {
      reportErrors(io, applied.errors);
      if (args.json) writeJson(io, errorsJson(applied.errors));
      return 1;
    }
    const paint = stdoutPaint(io);
    if (args.json) writeJson(io, applyJson(applied.plan, applied.results, applied.summary));
    else io.stdout.write(`${renderPlan(applied.plan, paint)}\n${renderApply(applied.results, applied.summary, paint)}`);
    if (termination.exitCode !== undefined) return termination.exitCode;
    return worst(applied.results.map((r) => r.outcome)) === 0 ? 0 : 1;
  } finally {
    termination.dispose();
    service.destroy();
  }
}
