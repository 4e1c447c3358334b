/**
 * Errors as GitHub annotations: an invalid manifest on its file, line and
 * column; a license that failed on its file; anything else on the step.
 */
import { escapeText } from '../render/escape.js';
import path from 'node:path';
import { formatError, type LicenseError } from '../reconcile/errors.js';
import { isOutside, toPosix } from '../paths.js';

/** What `core.error` accepts (a port, so tests need no runner). */
export interface AnnotationProperties {
  file?: string;
  startLine?: number;
  startColumn?: number;
}

export type Annotate = (message: string, properties: AnnotationProperties) => void;

export function annotate(errors: readonly LicenseError[], error: Annotate, workspace?: string): void {
  for (const e of errors) error(...annotation(e, workspace));
}

export function annotation(error: LicenseError, workspace?: string): [string, AnnotationProperties] {
  if (!error.file) return [escapeText(formatError(error)), {}];
  const message =
    error.licenseArn && error.line === undefined ? `${error.licenseArn}: ${error.message}` : error.message;
  return [
    escapeText(message),
    {
      file: workspacePath(error.file, workspace),
      ...(error.line !== undefined ? { startLine: error.line, startColumn: error.column ?? 1 } : {}),
    },
  ];
}

/** GitHub places annotations by path from the workspace; the run's paths are from the working directory. */
function workspacePath(file: string, workspace: string | undefined): string {
  if (!workspace) return file;
  const relative = path.relative(workspace, path.resolve(file));
  return isOutside(relative) ? file : toPosix(relative); // outside the workspace GitHub can't place it anyway
}
