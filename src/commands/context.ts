/** What every command shares: streams, the manifest source and the AWS adapter. */
import { redactUrl } from '../aws/redact.js';
import type { AwsLicenseService } from '../aws/license-service.js';
import type { LicenseError } from '../reconcile/errors.js';
import { renderErrors } from '../render/errors.js';
import { escapeText } from '../render/escape.js';
import { painter, type Paint } from '../render/style.js';
import type { RunOptions } from '../run/pipeline.js';
import { progressReporter, type ProgressReporter } from './progress.js';
import { fdOutput, type Output } from './stdio.js';
import type { ManifestSet } from '../run/sources.js';

export interface Io {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  stdout: fdOutput(1, () => process.stdout),
  stderr: fdOutput(2, () => process.stderr),
  env: process.env,
};

export interface CommonArgs {
  dir: string;
  /** The configuration file named with --config (else license-gitops.json is looked for). */
  config?: string;
  json?: boolean;
  verbose?: boolean;
  /** Read manifests as committed at this ref. */
  ref?: string;
  /** Limit the run to manifests changed since this ref. */
  changedSince?: string;
  /** Attribute each license to its manifest's change since this ref, or to drift (plan --base). */
  base?: string;
}

export interface AwsArgs extends CommonArgs {
  endpointUrl?: string;
  concurrency: number;
  timeout: number;
  maxAttempts: number;
  ignore?: string[];
  /** Per-file ignore pointers from the configuration file. */
  ignoreFor?: (file: string) => string[];
  maxChanges?: number;
  maxRps?: number;
  /** From the configuration file; read by the commands that prune. */
  prune?: boolean;
  /** LicenseArns per ListLicenses call when reading licenses. */
  batchSize?: number;
}

export const DEFAULT_CONCURRENCY = 10;

/**
 * The run's manifests; `committed`: HEAD's, through git (apply), not the working tree.
 * Git (and its library) is loaded only here, so `validate` starts without it.
 */
export async function loadSources(args: CommonArgs, committed = false): Promise<ManifestSet> {
  const { loadManifestSet } = await import('../run/sources.js');
  return loadManifestSet({
    dir: args.dir,
    committed,
    ...(args.ref ? { ref: args.ref } : {}),
    ...(args.changedSince ? { changedSince: args.changedSince } : {}),
    ...(args.base ? { base: args.base } : {}),
  });
}

/** What plan and apply run with, from the settled flags and configuration. */
export function runOptions(args: AwsArgs): RunOptions {
  return {
    concurrency: args.concurrency,
    ignore: args.ignore ?? [],
    ...(args.ignoreFor ? { ignoreFor: args.ignoreFor } : {}),
    ...(args.maxChanges !== undefined ? { maxChanges: args.maxChanges } : {}),
    ...(args.prune !== undefined ? { prune: args.prune } : {}),
  };
}

/** Progress on stderr: a counter on a terminal, a line every few seconds in a log. */
export function progressFor(io: Io): ProgressReporter {
  return progressReporter((text) => io.stderr.write(text), { tty: Boolean(io.stderr.isTTY) });
}

/** Tells the user what a working-tree run includes that git doesn't. */
export function noteDirty(io: Io, set: ManifestSet, what: string): void {
  if (set.dirty.length === 0) return;
  const files = set.dirty.slice(0, 5).join(', ') + (set.dirty.length > 5 ? `, and ${set.dirty.length - 5} more` : '');
  log(io, `note: ${what} the working tree, which has uncommitted changes: ${files}`);
}

/** The AWS adapter, loaded only by commands that call AWS. */
export async function makeService(args: AwsArgs, io: Io): Promise<AwsLicenseService> {
  const { AwsLicenseService } = await import('../aws/license-service.js');
  if (args.verbose) {
    const endpoint =
      args.endpointUrl ?? io.env.AWS_ENDPOINT_URL_LICENSE_MANAGER ?? io.env.AWS_ENDPOINT_URL ?? 'the AWS default';
    const pace = args.maxRps !== undefined ? `; at most ${args.maxRps} calls/s per region` : '';
    log(
      io,
      `endpoint: ${endpoint === 'the AWS default' ? endpoint : redactUrl(endpoint)}; concurrency ${args.concurrency}${pace}; timeout ${args.timeout}s; ${args.maxAttempts} attempts per call`,
    );
  }
  const service = new AwsLicenseService({
    ...(args.endpointUrl ? { endpoint: args.endpointUrl } : {}),
    maxAttempts: args.maxAttempts,
    timeoutMs: args.timeout * 1000,
    maxSockets: args.concurrency,
    ...(args.maxRps !== undefined ? { maxRps: args.maxRps } : {}),
  });
  // Start loading the SDK now, so it overlaps with reading and validating the manifests.
  void service.pool.module().catch(() => undefined);
  return service;
}

/** How plan and apply read licenses: batch size, and where notes about reading go. */
export function readOptions(args: AwsArgs, io: Io): { batchSize?: number; note: (line: string) => void } {
  return { ...(args.batchSize !== undefined ? { batchSize: args.batchSize } : {}), note: (line) => log(io, line) };
}

/** One line on stderr, made printable (it may hold file names, refs or service messages). */
export function log(io: Io, line: string): void {
  io.stderr.write(`${escapeText(line)}\n`);
}

/** Every problem, one `file:line:col: message` line each, on stderr. */
export function reportErrors(io: Io, errors: readonly LicenseError[]): void {
  io.stderr.write(renderErrors(errors, painter(io.stderr, io.env)));
}

export function stdoutPaint(io: Io): Paint {
  return painter(io.stdout, io.env);
}

export function writeJson(io: Io, value: object): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
