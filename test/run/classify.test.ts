/** The shared classification of failed writes: by the state read again, never by the error's name. */
import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import {
  classifyFailedWrite,
  isAfter,
  outcomeOfFailedWrite,
  verdict,
  type FailedPinnedWrite,
} from '../../src/run/classify.js';
import type { PlanStep } from '../../src/reconcile/types.js';

type Live = { Version?: unknown; Content: string };
const write = (over: Partial<Parameters<typeof verdict<Live>>[0]> = {}) => ({
  pin: '3',
  holdsDesired: (live: Live) => live.Content === 'ours',
  ...over,
});

describe('verdict', () => {
  it('ours at a version after the pin: landed', () => {
    expect(verdict(write(), { Version: '4', Content: 'ours' })).toMatchObject({ kind: 'landed', version: '4' });
  });
  it('other content after the pin: conflict', () => {
    expect(verdict(write(), { Version: '5', Content: 'theirs' })).toMatchObject({ kind: 'conflict', version: '5' });
  });
  it('still at the pin: the failure stands, even holding the desired content', () => {
    expect(verdict(write(), { Version: '3', Content: 'ours' }).kind).toBe('reported');
    expect(verdict(write(), { Version: '3', Content: 'theirs' }).kind).toBe('reported');
  });
  it('a write that makes no version (a delete) lands at the pin', () => {
    expect(verdict(write({ landsAtPin: true }), { Version: '3', Content: 'ours' }).kind).toBe('landed');
    expect(verdict(write({ landsAtPin: true }), { Version: '3', Content: 'theirs' }).kind).toBe('reported');
  });
  it('no version in the answer: the failure stands', () => {
    expect(verdict(write(), { Content: 'ours' }).kind).toBe('reported');
  });
});

describe('isAfter', () => {
  it('compares decimal versions as numbers', () => {
    expect(isAfter('10', '9')).toBe(true);
    expect(isAfter('9', '10')).toBe(false);
    expect(isAfter('3', '3')).toBe(false);
  });
  it('treats any other scheme as changed when different', () => {
    expect(isAfter('b', 'a')).toBe(true);
    expect(isAfter('a', 'a')).toBe(false);
  });
});

describe('classifyFailedWrite', () => {
  it('reads once and decides', async () => {
    let reads = 0;
    const found = await classifyFailedWrite({
      ...write(),
      reread: async () => ((reads += 1), { ok: true as const, live: { Version: '4', Content: 'ours' } }),
    });
    expect(found.kind).toBe('landed');
    expect(reads).toBe(1);
  });
  it('keeps the re-read error when reading again fails', async () => {
    const error = licenseError('READ_FAILED', 'throttled');
    const found = await classifyFailedWrite<Live>({ ...write(), reread: async () => ({ ok: false, error }) });
    expect(found).toEqual({ kind: 'reported', rereadError: error });
  });
});

describe('outcomeOfFailedWrite', () => {
  const step = {
    file: 'licenses/a.json',
    licenseArn: 'arn:l',
    action: 'update',
    desired: { LicenseName: 'A', HomeRegion: 'us-east-1' },
    patch: [],
  } as unknown as PlanStep;
  const reported = licenseError('WRITE_FAILED', 'refused', { cause: 'ValidationException' });
  const outcome = (live: Live | undefined, over: Partial<FailedPinnedWrite<Live>> = {}) =>
    outcomeOfFailedWrite<Live>({
      ...write(),
      step,
      makes: 'updated',
      reported,
      reread: async () =>
        live ? { ok: true, live } : { ok: false, error: licenseError('NOT_FOUND', 'gone', { licenseArn: 'arn:l' }) },
      about: (error) => ({ ...error, file: step.file }),
      changed: (now) => `changed to ${now}`,
      ...over,
    });

  it('ours after the pin: the write is done, at the version read', async () => {
    expect(await outcome({ Version: '4', Content: 'ours' })).toEqual({ step, outcome: 'updated', newVersion: '4' });
  });
  it("another's content after the pin: a conflict, with the reported cause, about the subject", async () => {
    const result = await outcome({ Version: '5', Content: 'theirs' });
    expect(result.outcome).toBe('conflict');
    expect(result.error).toMatchObject({ code: 'CONFLICT', message: 'changed to 5', cause: 'ValidationException' });
    expect(result.error?.file).toBe(step.file);
  });
  it('nothing after the pin: the failure stands; a reported CONFLICT is a conflict', async () => {
    expect(await outcome({ Version: '3', Content: 'x' })).toMatchObject({
      outcome: 'failed',
      error: { code: 'WRITE_FAILED' },
    });
    const conflict = licenseError('CONFLICT', 'stale');
    expect(await outcome({ Version: '3', Content: 'x' }, { reported: conflict })).toMatchObject({
      outcome: 'conflict',
    });
  });
  it('a delete: gone at the pin, or not found at all, is deleted; an update not found stands', async () => {
    const deleting = { makes: 'deleted' as const, holdsDesired: (live: Live) => live.Content === 'gone' };
    expect(await outcome({ Version: '3', Content: 'gone' }, deleting)).toEqual({ step, outcome: 'deleted' });
    expect(await outcome(undefined, deleting)).toEqual({ step, outcome: 'deleted' });
    expect(await outcome(undefined)).toMatchObject({ outcome: 'failed', error: { code: 'WRITE_FAILED' } });
  });
  it('a better account of a failure that stands replaces it', async () => {
    const explained = { step, outcome: 'failed' as const, error: licenseError('DELETED', 'deleted since') };
    expect(await outcome({ Version: '3', Content: 'x' }, { explain: () => explained })).toBe(explained);
  });
});
