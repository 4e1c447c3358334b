/**
 * Seeds: licenses (and faults) the emulator starts with, from code or a JSON file.
 *
 * File format: `{"accountId"?: "...", "licenses": [License...], "grants"?: [Grant...], "faults"?: [FaultSpec...]}`
 * or a bare array of licenses. A license is written as GetLicense returns it;
 * `LicenseArn` and `HomeRegion` are required, `Version` defaults to "1" (or one
 * past the last of `History`), `Status` to AVAILABLE, `CreateTime` to the
 * start time, `Issuer.KeyFingerprint` to the derived one. `History` holds
 * older versions, oldest first, each with the same members. A grant is written
 * as GetGrant returns it (`GrantStatus` defaults to PENDING_ACCEPT, `Version` to "1").
 */
import { readFile } from 'node:fs/promises';
import { isObject, type License } from './form.js';
import { parseDialect, type Dialect, type Parsed } from './dialect.js';
import { parseFaultSpec, type FaultSpec } from './faults.js';
import { seedGrantProblem } from './grant-store.js';
import { usageProblem } from './usage.js';

/** A license as GetLicense returns it, plus optional older versions. */
export type SeedLicense = Record<string, unknown> & {
  LicenseArn: string;
  HomeRegion: string;
  Version?: string;
  History?: Array<Record<string, unknown>>;
};

export interface Seed {
  accountId?: string;
  licenses: SeedLicense[];
  /** Grants as GetGrant returns them. */
  grants?: Array<Record<string, unknown>>;
  faults?: FaultSpec[];
  /** How the behaviours the API reference leaves open are answered (see dialect.ts). */
  dialect?: Partial<Dialect>;
  /** The most LicenseArns one ListLicenses accepts. */
  maxLicenseArns?: number;
}

/** Reads and checks a seed file. Throws an Error whose message starts with the path. */
export async function readSeedFile(path: string): Promise<Seed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read the seed file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return checkedSeed(value, path);
}

/** A seed as parseSeed checks it; throws an Error with parseSeed's message on a malformed one. */
export function checkedSeed(value: unknown, where: string): Seed {
  const parsed = parseSeed(value, where);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** Checks an untrusted seed; `where` starts every message. */
export function parseSeed(value: unknown, where: string): Parsed<Seed> {
  const bad = (message: string): Parsed<Seed> => ({ ok: false, message: `${where}: ${message}` });
  const root = Array.isArray(value) ? { licenses: value } : value;
  if (!isObject(root)) return bad('a seed is {"licenses": [...], "faults"?: [...]} or an array of licenses');
  const { accountId, licenses, grants = [], faults = [], dialect, maxLicenseArns, ...rest } = root;
  if (Object.keys(rest).length > 0)
    return bad(
      `unknown member(s) ${Object.keys(rest).join(', ')}; a seed has accountId, licenses, grants, faults, dialect, maxLicenseArns`,
    );
  const parsedDialect = dialect === undefined ? undefined : parseDialect(dialect, `${where}: dialect`);
  if (parsedDialect && !parsedDialect.ok) return parsedDialect;
  if (maxLicenseArns !== undefined && !(Number.isInteger(maxLicenseArns) && (maxLicenseArns as number) >= 1))
    return bad('maxLicenseArns must be an integer >= 1');
  if (accountId !== undefined && !(typeof accountId === 'string' && /^\d{12}$/.test(accountId)))
    return bad('accountId must be 12 digits');
  if (!Array.isArray(licenses)) return bad('licenses must be an array');
  if (!Array.isArray(faults)) return bad('faults must be an array');
  if (!Array.isArray(grants)) return bad('grants must be an array');
  for (const [i, grant] of grants.entries()) {
    const problem = seedGrantProblem(grant);
    if (problem) return bad(`grants[${i}]: ${problem}`);
  }
  const seen = new Set<string>();
  for (const [i, license] of licenses.entries()) {
    const problem = licenseProblem(license, seen);
    if (problem) return bad(`licenses[${i}]: ${problem}`);
  }
  const parsedFaults: FaultSpec[] = [];
  for (const [i, fault] of faults.entries()) {
    const parsed = parseFaultSpec(fault, `${where}: faults[${i}]`);
    if (!parsed.ok) return parsed;
    parsedFaults.push(parsed.value);
  }
  const seed: Seed = {
    licenses: licenses as SeedLicense[],
    faults: parsedFaults,
    ...(grants.length > 0 ? { grants: grants as Array<Record<string, unknown>> } : {}),
    ...(parsedDialect ? { dialect: parsedDialect.value } : {}),
    ...(maxLicenseArns !== undefined ? { maxLicenseArns: maxLicenseArns as number } : {}),
  };
  return { ok: true, value: accountId === undefined ? seed : { ...seed, accountId: accountId as string } };
}

function licenseProblem(value: unknown, seen: Set<string>): string | undefined {
  if (!isObject(value)) return 'a license must be an object';
  const license = value;
  if (typeof license.LicenseArn !== 'string' || !license.LicenseArn.startsWith('arn:'))
    return 'LicenseArn must be an ARN string';
  if (seen.has(license.LicenseArn)) return `LicenseArn ${license.LicenseArn} appears twice`;
  seen.add(license.LicenseArn);
  if (typeof license.HomeRegion !== 'string' || license.HomeRegion === '')
    return `${license.LicenseArn}: HomeRegion is required`;
  if (license.History !== undefined && !(Array.isArray(license.History) && license.History.every(isObject))) {
    return `${license.LicenseArn}: History must be an array of license versions`;
  }
  const usage = license.Usage === undefined ? undefined : usageProblem(license.Usage);
  if (usage) return `${license.LicenseArn}: ${usage}`;
  return versionProblem(license);
}

/** Versions must be positive integers as strings, increasing through History to the current one. */
function versionProblem(license: Record<string, unknown>): string | undefined {
  const versions = seededVersions(license as SeedLicense);
  if (versions.some((v) => !/^[1-9]\d*$/.test(v)))
    return `${String(license.LicenseArn)}: Version must be a positive integer as a string, e.g. "3"`;
  const increasing = versions.every((v, i) => i === 0 || Number(v) > Number(versions[i - 1]));
  return increasing
    ? undefined
    : `${String(license.LicenseArn)}: History versions must increase up to the current Version`;
}

function seededVersions(license: SeedLicense): string[] {
  const older = license.History ?? [];
  const olderVersions = older.map((v, i) => String(v.Version ?? i + 1));
  const current = license.Version ?? String(older.length + 1);
  return [...olderVersions, String(current)];
}

/** A checked seed license as store versions (its current one and its older ones): defaults filled, History unfolded. */
export function seededLicense(license: SeedLicense): { current: License; older: License[] } {
  const { History = [], ...current } = license;
  const versions = seededVersions(license);
  const asVersion = (fields: Record<string, unknown>, version: string): License =>
    ({
      Status: 'AVAILABLE',
      HomeRegion: license.HomeRegion,
      ...fields,
      LicenseArn: license.LicenseArn,
      Version: version,
    }) as License;
  return {
    current: asVersion(current, versions.at(-1) as string),
    older: History.map((fields, i) => asVersion(fields, versions[i] as string)),
  };
}
