/**
 * The ports the core declares; adapters (AWS, the emulator's client, fakes in
 * tests) implement them. Every method answers with a value, never throws.
 */
import type { LicenseError } from './errors.js';
import type { LicenseDocument, LiveLicense, LiveRead } from './types.js';

/** A CreateLicenseVersion request: the desired content plus the pin and the idempotency token. */
export interface VersionRequest extends LicenseDocument {
  SourceVersion: string;
  ClientToken: string;
}

export type WriteResult =
  | { ok: true; version: string }
  /** `attempts` > 1 means the SDK retried: an earlier attempt may have been committed. */
  | { ok: false; error: LicenseError; attempts?: number };

/** Why a batched read failed, which decides what the reader does next. */
export type BatchFailure =
  /** The credentials may not list: read license by license instead. */
  | 'denied'
  /** The service refused the number of ARNs: ask for fewer at a time. */
  | 'too-many'
  /** The service refused the request for another reason (e.g. one ARN): split the batch. */
  | 'rejected'
  /** Anything else (network, throttling after retries): read these licenses one by one. */
  | 'failed';

export type BatchRead = { ok: true; licenses: LiveLicense[] } | { ok: false; error: LicenseError; reason: BatchFailure };

export interface LicenseReader {
  /** GetLicense, sent to `region` (the license's HomeRegion). */
  getLicense(licenseArn: string, region: string): Promise<LiveRead>;
  /**
   * ListLicenses with `LicenseArns`, sent to `region`, through every page: the
   * licenses the service returned (maybe fewer, in any order). Optional: a reader
   * without it is read license by license.
   */
  listLicensesByArn?(licenseArns: readonly string[], region: string): Promise<BatchRead>;
}

export interface LicenseWriter {
  /** CreateLicenseVersion, sent to `region` (the license's HomeRegion). */
  createLicenseVersion(request: VersionRequest, region: string): Promise<WriteResult>;
}

export type LicenseService = LicenseReader & LicenseWriter;
