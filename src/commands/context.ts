/** What every command shares: output, errors, the options of a run. (The AWS adapter is in service.ts, the manifests in load-sources.ts.) */
import type { LicenseError } from '../reconcile/errors.js';
import { renderErrors } from '../render/errors.js';
import { errorsJson } from '../render/json.js';
import { escapeText, jsonText } from '../render/escape.js';
import { painter, type Paint } from '../render/style.js';
import { progressReporter, type ProgressReporter } from './progress.js';
import { quietOutput, type Output } from './stdio.js';
import type { ManifestSet } from '../run/sources.js';
import type { RawSettings, Settings } from './settings.js';

export interface Io {
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  stdout: quietOutput(process.stdout),
  stderr: quietOutput(process.stderr),
  env: process.env,
};

/** What every command runs with: the shared flags, settled over the configuration file (settings.ts). */
export interface CommonArgs extends Settings, Pick<RawSettings, 'config' | 'json' | 'ref' | 'base'> {
  verbose?: boolean;
  /** Limit the run to manifests changed since this ref. */
  changedSince?: string;
}

export interface AwsArgs extends CommonArgs {
  endpointUrl?: string;
  maxAttempts: number;
  /** LicenseArns per ListLicenses call when reading licenses. */
  batchSize?: number;
  /** With --prune: delete licenses that still have active grants. */
  forceDeleteGranted?: boolean;
}

export const DEFAULT_CONCURRENCY = 10;

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
  io.stdout.write(`${jsonText(value)}\n`);
}

/** A command's report on stdout: `json` with --json, else `text`, painted for stdout. */
export function printReport(io: Io, args: { json?: boolean }, json: object, text: (paint: Paint) => string): void {
  if (args.json) writeJson(io, json);
  else io.stdout.write(text(stdoutPaint(io)));
}

/** Reports the errors, also as JSON on stdout with --json (`json`, else the errors' report); the exit code, 1. */
export function fail(io: Io, args: { json?: boolean }, errors: readonly LicenseError[], json?: object): number {
  reportErrors(io, errors);
  if (args.json) writeJson(io, json ?? errorsJson(errors));
  return 1;
}
