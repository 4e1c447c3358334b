/**
 * The grant half of the ports (see ports.ts): what the core asks of License
 * Manager about grants. Every method answers with a value, never throws.
 */
import type { LicenseError } from './errors.js';
import type { GrantsRead, LiveGrant } from './types.js';

/** A CreateGrant request: the entry's members as CreateGrant names them, the license's HomeRegion, the token. */
export interface CreateGrantRequest {
  ClientToken: string;
  GrantName: string;
  LicenseArn: string;
  Principals: string[];
  HomeRegion: string;
  AllowedOperations: string[];
  /** The entry's user tags, set at creation. */
  Tags?: { Key: string; Value: string }[];
}

/** A CreateGrantVersion request: the changed members, pinned by SourceVersion. */
export interface GrantVersionRequest {
  ClientToken: string;
  GrantArn: string;
  SourceVersion: string;
  GrantName?: string;
  AllowedOperations?: string[];
  Status?: string;
  StatusReason?: string;
  Options?: { ActivationOverrideBehavior?: string };
}

/** A DeleteGrant request, pinned by Version. */
export interface DeleteGrantRequest {
  GrantArn: string;
  Version: string;
}

export type GrantRead = { ok: true; grant: LiveGrant } | { ok: false; error: LicenseError };

export type GrantWriteResult =
  | { ok: true; grantArn: string; version: string; status?: string }
  /** `attempts` > 1 means the SDK retried: an earlier attempt may have been committed. */
  | { ok: false; error: LicenseError; attempts?: number };

export interface GrantReader {
  /** ListDistributedGrants filtered by LicenseArn, through every page, sent to `region`. */
  listGrants(licenseArn: string, region: string): Promise<GrantsRead>;
  /** GetGrant, sent to `region`. */
  getGrant(grantArn: string, region: string): Promise<GrantRead>;
}

export interface GrantWriter {
  createGrant(request: CreateGrantRequest, region: string): Promise<GrantWriteResult>;
  createGrantVersion(request: GrantVersionRequest, region: string): Promise<GrantWriteResult>;
  deleteGrant(request: DeleteGrantRequest, region: string): Promise<GrantWriteResult>;
}
