/**
 * Errors that concern the run, not one license (no AWS credentials at all):
 * reported once, without a license, instead of once per license.
 */
import type { ErrorCode, LicenseError } from '../reconcile/errors.js';

const RUN_WIDE: readonly ErrorCode[] = ['NO_CREDENTIALS'];

/** The first run-wide error among `errors`, stripped of the license it happened to be found on. */
export function runWideError(errors: readonly LicenseError[]): LicenseError | undefined {
  const found = errors.find((error) => RUN_WIDE.includes(error.code));
  if (!found) return undefined;
  const { file: _file, licenseArn: _arn, line: _line, column: _column, ...rest } = found;
  return rest;
}
