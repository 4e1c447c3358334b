/**
 * What became of a pinned write that failed or was retried, decided by reading
 * the subject again, never by the error's name.
 *
 * Services disagree on what a stale pin gets (ConflictException, or a
 * ValidationException "The version provided 1 doesn't match the latest version 2")
 * and on whether a repeated ClientToken replays the first answer. So a write whose
 * reply was lost and which was retried can come back as any of those, although it
 * landed. The state read afterwards is the only witness:
 *
 * - at a version after the pin, holding what this write would have made → `landed`;
 * - at a version after the pin, holding something else → `conflict`;
 * - anything else → `reported`: the failure stands as the service reported it.
 *
 * One mechanism for every pinned write: license versions (apply), deletes and
 * grant versions. Each caller says how to read its subject again and what the
 * write would have made.
 */
import { licenseError, type Failure, type LicenseError } from '../reconcile/errors.js';
import type { ApplyResult } from '../reconcile/outcome.js';
import type { PlanStep } from '../reconcile/types.js';

/** A subject as read again: it carries the version the service holds now. */
export type Versioned = { Version?: unknown };

export type Reread<S extends Versioned> = { ok: true; live: S } | Failure;

export interface FailedWrite<S extends Versioned> {
  /** The version the write was pinned to (its SourceVersion, or the version a delete named). */
  pin: string;
  /** Reads the subject again (GetLicense, GetGrant), answering a value, never throwing. */
  reread: () => Promise<Reread<S>>;
  /** Whether `live` is exactly what this write would have made (compared in normalized form). */
  holdsDesired: (live: S) => boolean;
  /**
   * The write does not create a version (DeleteLicense marks the version it names),
   * so the desired state at the pin itself counts as landed.
   */
  landsAtPin?: boolean;
}

export type Verdict<S extends Versioned> =
  /** Our write is there (its reply was lost, or a retry was refused because of it). */
  | { kind: 'landed'; version: string; live: S }
  /** Someone else's version came after the pin: nothing of ours was written. */
  | { kind: 'conflict'; version: string; live: S }
  /** Nothing changed after the pin, or reading again failed: the reported failure stands. */
  | { kind: 'reported'; live?: S; rereadError?: LicenseError };

/** A pinned write that failed, and how its step's outcome is told. */
export interface FailedPinnedWrite<S extends Versioned> extends Omit<FailedWrite<S>, 'landsAtPin' | 'pin'> {
  step: PlanStep;
  /** The version the write was pinned to; by default the step's `sourceVersion`. */
  pin?: string;
  /**
   * What the write does when it lands (by default: `deleted` for a delete step, else `updated`).
   * A delete marks the version it names: gone at the pin is landed too.
   */
  makes?: 'updated' | 'deleted';
  /** The failure as the service reported it. */
  reported: LicenseError;
  /** The error, about the step's subject (its file and ARN, its name in the message); by default the step's file and license ARN. */
  about?: (error: LicenseError) => LicenseError;
  /** How the subject changed after the pin, in words, for the conflict. */
  changed: (now: string, live: S) => string;
  /** When nothing changed after the pin, a better account than the reported failure, if reading again gave one. */
  explain?: (live: S | undefined, rereadError: LicenseError | undefined) => ApplyResult | undefined;
}

/** What became of a failed pinned write, as its step's outcome, decided by reading the subject again. */
export async function outcomeOfFailedWrite<S extends Versioned>(write: FailedPinnedWrite<S>): Promise<ApplyResult> {
  const {
    step,
    reported,
    pin = step.sourceVersion ?? '',
    makes = step.action === 'delete' ? 'deleted' : 'updated',
    about = (error) => ({ ...error, file: step.file, licenseArn: step.licenseArn }),
  } = write;
  const found = await classifyFailedWrite({ ...write, pin, landsAtPin: makes === 'deleted' });
  switch (found.kind) {
    case 'landed':
      return makes === 'deleted'
        ? { step, outcome: 'deleted' }
        : { step, outcome: 'updated', newVersion: found.version };
    case 'conflict': {
      const cause = reported.cause ? { cause: reported.cause } : {};
      const error = licenseError('CONFLICT', write.changed(found.version, found.live), cause);
      return { step, outcome: 'conflict', error: about(error) };
    }
    case 'reported': {
      // Read at plan time and not found now: the subject is gone, which is what a delete wanted.
      if (makes === 'deleted' && found.rereadError?.code === 'NOT_FOUND') return { step, outcome: 'deleted' };
      const explained = write.explain?.(found.live, found.rereadError);
      if (explained) return explained;
      return { step, outcome: reported.code === 'CONFLICT' ? 'conflict' : 'failed', error: about(reported) };
    }
  }
}

/** Reads the subject of a failed write again and says what became of the write. */
export async function classifyFailedWrite<S extends Versioned>(write: FailedWrite<S>): Promise<Verdict<S>> {
  const read = await write.reread();
  if (!read.ok) return { kind: 'reported', rereadError: read.error };
  return verdict(write, read.live);
}

/** The pure decision, for a subject already read again. */
export function verdict<S extends Versioned>(write: Omit<FailedWrite<S>, 'reread'>, live: S): Verdict<S> {
  const version = typeof live.Version === 'string' ? live.Version : undefined;
  if (version === undefined) return { kind: 'reported', live };
  const after = isAfter(version, write.pin);
  const atPin = version === write.pin;
  if ((after || (atPin && write.landsAtPin)) && write.holdsDesired(live)) return { kind: 'landed', version, live };
  if (after) return { kind: 'conflict', version, live };
  return { kind: 'reported', live };
}

/**
 * Whether `version` comes after `pin`. Versions are decimal counters ("1", "2", …);
 * anything else is compared for inequality only, so an unknown scheme never
 * makes a write look landed at the version it was pinned to.
 */
export function isAfter(version: string, pin: string): boolean {
  const decimal = /^\d{1,15}$/;
  if (decimal.test(version) && decimal.test(pin)) return Number(version) > Number(pin);
  return version !== pin;
}
