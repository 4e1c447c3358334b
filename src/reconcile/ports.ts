/**
 * The ports the core declares; adapters (AWS, the emulator's client, fakes in
 * tests) implement them. Every method answers with a value, never throws.
 */
import type { LicenseError } from './errors.js';
import type { GrantReader, GrantWriter } from './grant-ports.js';
import type { LicenseDocument, LiveRead } from './types.js';

/** A CreateLicenseVersion request: the desired content plus the pin and the idempotency token. */
export interface VersionRequest extends LicenseDocument {
  SourceVersion: string;
  ClientToken: string;
}

export type WriteResult =
  | { ok: true; version: string }
  /** `attempts` > 1 means the SDK retried: an earlier attempt may have been committed. */
  | { ok: false; error: LicenseError; attempts?: number };

export interface LicenseReader {
  /** GetLicense, sent to `region` (the license's HomeRegion). */
  getLicense(licenseArn: string, region: string): Promise<LiveRead>;
}

export interface LicenseWriter {
  /** CreateLicenseVersion, sent to `region` (the license's HomeRegion). */
  createLicenseVersion(request: VersionRequest, region: string): Promise<WriteResult>;
}

export type LicenseService = LicenseReader & LicenseWriter & GrantReader & GrantWriter;

export type * from './grant-ports.js';
