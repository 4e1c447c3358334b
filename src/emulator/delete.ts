/**
 * DeleteLicense, pinned by SourceVersion. The API reference doesn't say whether
 * a deleted license reads DELETED at once or PENDING_DELETE first, or whether it
 * can be read at all afterwards; the emulator can answer each way (`DeleteDialect`),
 * so clients are proven right under all of them.
 */
import { ok } from './errors.js';
import { refuseWrite, unknownLicense, type Answer, type Input, type OperationContext } from './operations.js';

/** What DeleteLicense leaves behind. */
export type DeleteDialect =
  /** The license reads DELETED at once (the default). */
  | 'deleted'
  /** The license reads PENDING_DELETE (and stays so; the emulator runs no clock for it). */
  | 'pending'
  /** The license is gone at once: reads and writes of it answer as for an unknown ARN (the `unknownArn` dialect). */
  | 'vanishes';

export function deleteLicense(input: Input, ctx: OperationContext): Answer {
  const arn = input.LicenseArn as string;
  const current = ctx.store.get(arn);
  if (!current) return unknownLicense(arn, ctx.dialect);
  const refused = refuseWrite(current, input.SourceVersion, ctx);
  if (refused) return refused;
  if (ctx.deleteDialect === 'vanishes') return ok({ Status: 'DELETED', DeletionDate: ctx.store.forget(arn) });
  const status = ctx.deleteDialect === 'pending' ? 'PENDING_DELETE' : 'DELETED';
  return ok({ Status: status, DeletionDate: ctx.store.markDeleted(arn, status) });
}
