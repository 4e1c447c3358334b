/**
 * Validation against `schemas/license.schema.json`, and every ajv error turned
 * into a positioned, readable LicenseError. The validator is the schema compiled
 * ahead of time by ajv (scripts/generate-validator.mjs), so a run needs neither
 * ajv nor a compile step; a test keeps it in step with the schema.
 */
import type { ErrorObject, SchemaObject } from 'ajv';
import { validate as generatedValidate } from './generated/license-validator.js';
import { licenseError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';
import { GONE_STATUSES, isGoneStatus } from '../reconcile/gone.js';
import { escapeSegment, type Locator, type Position } from './positions.js';
import { keyedPointer, shortJson, within } from './messages.js';

/** Every way `value` breaks the schema, positioned in `file` (duplicates of one message dropped). */
export function schemaErrors(value: unknown, locator: Locator, file: string): LicenseError[] {
  return checkAgainst(generatedValidate as ValidateFunction, value, locator, file, MANIFEST);
}

/** What a schema check needs to word its errors. */
export interface SchemaSubject {
  code: ErrorCode;
  /** The document itself in a message, e.g. `the manifest`. */
  noun: string;
}

/** Members GetLicense shows that a manifest can't set, and why: fixed at creation, or kept by the service. */
const NOT_VERSIONED: Readonly<Record<string, string>> = {
  Version: 'is kept by License Manager (the tool pins it for you as SourceVersion)',
  CreateTime: 'is kept by License Manager',
  KeyFingerprint: 'is kept by License Manager',
  SourceVersion: 'is computed by license-gitops from the version it reads',
  ClientToken: 'is computed by license-gitops',
  GrantedOperations: 'is what GetGrant calls AllowedOperations; a manifest uses "AllowedOperations"',
  GranteePrincipalArn: 'is what GetGrant calls Principals; a manifest uses "Principals": ["<ARN>"]',
  GrantStatus: 'is what GetGrant calls Status; a manifest sets "Status" only to suspend or reactivate a grant',
  ParentArn: 'is kept by License Manager (a grant belongs to the license of its manifest)',
};

const MANIFEST: SchemaSubject = { code: 'MANIFEST_SCHEMA', noun: 'the manifest' };

/**
 * Runs an ajv validator and turns each error into a positioned LicenseError whose
 * subject is the name-keyed pointer of what is wrong (`/Entitlements/seats/MaxCount`).
 */
export function checkAgainst(
  validate: ValidateFunction,
  value: unknown,
  locator: Locator,
  file: string,
  subject: SchemaSubject,
): LicenseError[] {
  if (validate(value)) return [];
  const seen = new Set<string>();
  const errors: LicenseError[] = [];
  for (const error of validate.errors ?? []) {
    if (error.keyword === 'if') continue; // the failing branch reports what is wrong
    const { message, position } = describe(error, locator, value, subject);
    const key = `${position.line}:${position.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(licenseError(subject.code, message, { file, ...position }));
  }
  return errors;
}

export interface ValidateFunction {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** One ajv error as a message whose subject is the JSON pointer of what is wrong. */
function describe(
  error: ErrorObject,
  locator: Locator,
  value: unknown,
  subject: SchemaSubject,
): { message: string; position: Position } {
  const pointer = error.instancePath;
  const shown = keyedPointer(value, pointer);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const member = String(params.missingProperty);
      const creates = subject === MANIFEST && pointer === '' && error.schemaPath.startsWith('#/else');
      const why = creates
        ? ` (a manifest without LicenseArn declares a new license, and CreateLicense needs ${member}; or add the LicenseArn of an existing license)`
        : '';
      const message = within(shown, `missing required member ${JSON.stringify(member)}${why}`);
      return { message, position: locator.value(pointer) };
    }
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const message = within(shown, unknownMember(name, Object.keys(error.parentSchema?.properties ?? {}), subject));
      return { message, position: locator.key(`${pointer}/${escapeSegment(name)}`) };
    }
    default: {
      const serviceSet =
        subject === MANIFEST &&
        pointer === '/Status' &&
        error.keyword === 'enum' &&
        typeof error.data === 'string' &&
        SERVICE_SET.includes(error.data);
      const message = serviceSet
        ? serviceStatus(error.data as string)
        : `${shown || subject.noun} ${valueClause(error)}`;
      return { message, position: locator.value(pointer) };
    }
  }
}

/** Statuses License Manager sets on its own; a manifest can't ask for them. */
const SERVICE_SET: readonly string[] = ['PENDING_AVAILABLE', 'SUSPENDED', 'EXPIRED', ...GONE_STATUSES];

function serviceStatus(status: string): string {
  const how =
    status === 'EXPIRED'
      ? 'License Manager sets it at Validity.End (to renew, extend Validity.End)'
      : isGoneStatus(status)
        ? 'License Manager sets it when a license is deleted (delete the manifest and apply with --prune)'
        : 'License Manager sets it';
  return `/Status ${JSON.stringify(status)} is not a status an issuer sets; ${how}. A manifest may set AVAILABLE or DEACTIVATED`;
}

/** Names the unknown member; suggests the allowed one it is probably a misspelling of. */
function unknownMember(name: string, allowed: string[], subject: SchemaSubject): string {
  const why = subject === MANIFEST && Object.hasOwn(NOT_VERSIONED, name) ? NOT_VERSIONED[name] : undefined;
  if (why) return `${JSON.stringify(name)} ${why}; remove it from ${subject.noun}`;
  const likely = closest(name, allowed);
  if (likely) return `unknown member ${JSON.stringify(name)}; did you mean ${likely}?`;
  return `unknown member ${JSON.stringify(name)} (allowed: ${allowed.join(', ')})`;
}

/** What a value must be, read from the schema node it broke, and what it was. */
function valueClause(error: ErrorObject): string {
  const schema = (error.parentSchema ?? {}) as SchemaObject;
  const got = ` (got ${shortJson(error.data)})`;
  switch (error.keyword) {
    case 'enum':
      return `must be ${expectation(schema)}${got}${suggestion(error.data, schema.enum as unknown[])}`;
    case 'minLength':
      if (typeof error.data === 'string' && error.data.length === 0) return 'must not be empty';
      return `must be ${expectation(schema)}${got}`;
    case 'type':
    case 'minimum':
    case 'maximum':
    case 'pattern':
    case 'format':
      return `must be ${expectation(schema)}${got}`;
    case 'maxLength':
      return `must be at most ${String(schema.maxLength)} characters (got ${String((error.data as string).length)})`;
    case 'minItems':
    case 'maxItems':
      return itemCount(schema, (error.data as unknown[]).length);
    case 'uniqueItems':
      return `must not repeat an item (${shortJson((error.data as unknown[])[(error.params as { i: number }).i])} appears twice)`;
    default:
      return `${error.message ?? 'is invalid'}${got}`;
  }
}

/** A phrase for what the schema node accepts, e.g. "an integer >= 0" or "one of None, Weekly, Monthly". */
function expectation(schema: SchemaObject): string {
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.join(', ')}`;
  if (schema.type === 'integer') return integerRange(schema);
  const example = Array.isArray(schema.examples) ? String(schema.examples[0]) : '';
  if (schema.type === 'string' && schema.title) return `a valid ${String(schema.title)}, such as ${example}`;
  if (schema.type === 'string' && schema.minLength) return 'a non-empty string';
  return TYPE_PHRASES[String(schema.type)] ?? `of type ${String(schema.type)}`;
}

const TYPE_PHRASES: Record<string, string> = {
  string: 'a string',
  boolean: 'true or false',
  object: 'an object {...}',
  array: 'an array [...]',
  number: 'a number',
};

/** "must hold exactly one item", "must hold 1 to 8 items", with the count found. */
function itemCount(schema: SchemaObject, count: number): string {
  const { minItems: min, maxItems: max } = schema as { minItems?: number; maxItems?: number };
  const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
  const wanted =
    min !== undefined && min === max
      ? `exactly ${min === 1 ? 'one item' : items(min)}`
      : min !== undefined && max !== undefined
        ? `${min} to ${items(max)}`
        : min !== undefined
          ? `at least ${items(min)}`
          : `at most ${items(max ?? 0)}`;
  return `must hold ${wanted} (got ${count})`;
}

function integerRange(schema: SchemaObject): string {
  const { minimum, maximum } = schema as { minimum?: number; maximum?: number };
  if (minimum !== undefined && maximum !== undefined) return `an integer from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `an integer >= ${minimum}`;
  return 'an integer';
}

// "Did you mean …?": the closest of the allowed words to a misspelt one, by
// edit distance (a swap of two neighbours counts as one edit), ignoring case.

/** The allowed word closest to `word`, if it is close enough to be the one meant. */
export function closest(word: string, allowed: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: { word: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}

/** `; did you mean X?` for a close word, else nothing. */
export function suggestion(word: unknown, allowed: readonly unknown[]): string {
  if (typeof word !== 'string') return '';
  const words = allowed.filter((a): a is string => typeof a === 'string');
  const match = closest(word, words);
  return match !== undefined && match !== word ? `; did you mean ${match}?` : '';
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Math.abs(a.length - b.length);
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}
