/** The shared classification of failed writes: by the state read again, never by the error's name. */
import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import { classifyFailedWrite, isAfter, verdict } from '../../src/run/classify.js';

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
