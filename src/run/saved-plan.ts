/**
 * Saved plans (`plan --out FILE`, `apply FILE`, `show FILE`). A saved plan is
 * a claim to check, not a command to obey: it moves between a pull-request job
 * (untrusted code) and an apply job. Reading one bounds its size and nesting
 * and checks its form; `verify-plan.ts` then checks every step against the
 * commit it names and the live licenses before anything is sent.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { summarize } from '../reconcile/plan.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { GrantStep, Plan, PlanScope, PlanStep, RemovedManifest } from '../reconcile/types.js';
import { FORMAT_VERSION, type SavedConfig } from '../render/json.js';

/** A saved plan as read: the plan to show, the commit it claims, the ignore rules it was made with. */
export interface SavedPlan {
  plan: Plan;
  /** RFC 6901 pointers the plan was made with. */
  ignore: string[];
  /** The configuration file it was made with; null when there was none. */
  config: SavedConfig | null;
}

export type SavedPlanRead = { ok: true; saved: SavedPlan } | { ok: false; errors: LicenseError[] };

/** A plan of thousands of licenses is a few tens of MB at most. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;
/** A plan's JSON nests a few levels (plan → step → document → list → entry → value); allow generously more. */
export const MAX_PLAN_DEPTH = 32;

/** Longer than any ref git accepts on a command line here; the base is only shown. */
const MAX_REF_LENGTH = 4096;

const ACTIONS: readonly string[] = ['create', 'update', 'delete', 'noop', 'error'];
const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** Reads and checks a saved plan file (size first, then nesting, then form). */
export function readSavedPlanFile(file: string): SavedPlanRead {
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const { size } = fstatSync(fd);
      if (size > MAX_PLAN_BYTES) return fail(file, `is larger than ${MAX_PLAN_BYTES} bytes; it is not a saved plan`);
      const buffer = Buffer.alloc(size);
      text = buffer.subarray(0, readSync(fd, buffer, 0, size, 0)).toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unknown error';
    return { ok: false, errors: [licenseError('USAGE', `plan file ${file} can't be read (${code}); check the path`)] };
  }
  return readSavedPlan(text, file);
}

export function readSavedPlan(text: string, file: string): SavedPlanRead {
  if (text.length > MAX_PLAN_BYTES) return fail(file, `is larger than ${MAX_PLAN_BYTES} bytes; it is not a saved plan`);
  if (nestsDeeperThan(text, MAX_PLAN_DEPTH))
    return fail(file, `nests deeper than ${MAX_PLAN_DEPTH} levels; it is not a saved plan`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(file, 'is not a saved plan (not JSON); write one with `license-gitops plan --out FILE`');
  }
  const saved = data as Record<string, unknown> | null;
  if (typeof saved !== 'object' || saved === null || saved.kind !== 'license-gitops-plan')
    return fail(file, 'is not a saved plan; write one with `license-gitops plan --out FILE`');
  if (saved.formatVersion !== FORMAT_VERSION) {
    const version = typeof saved.formatVersion === 'number' ? saved.formatVersion : 'unknown';
    return fail(file, `has formatVersion ${version}; this version of license-gitops reads ${FORMAT_VERSION}`);
  }
  if (saved.commit !== undefined && !(typeof saved.commit === 'string' && COMMIT.test(saved.commit)))
    return fail(file, 'is damaged: its commit is not a commit id');
  if (saved.workingTree !== undefined && saved.workingTree !== true)
    return fail(file, 'is damaged: workingTree is not true');
  if (!Array.isArray(saved.licenses) || !saved.licenses.every(isStep))
    return fail(file, 'is damaged: its licenses are not plan steps');
  const ignore = saved.ignore ?? [];
  if (!Array.isArray(ignore) || !ignore.every((p) => typeof p === 'string'))
    return fail(file, 'is damaged: ignore is not a list of JSON pointers');
  if (saved.config === undefined)
    return fail(file, 'records no configuration (made by an earlier license-gitops); run plan --out again');
  if (saved.config !== null && !isSavedConfig(saved.config))
    return fail(file, 'is damaged: its config is not a configuration file and blob');
  if (saved.base !== undefined && !(typeof saved.base === 'string' && saved.base.length <= MAX_REF_LENGTH))
    return fail(file, 'is damaged: its base is not a git ref');
  if (saved.scope !== undefined && !isScope(saved.scope)) return fail(file, 'is damaged: its scope is not two counts');
  if (saved.removed !== undefined && !(Array.isArray(saved.removed) && saved.removed.every(isRemoved)))
    return fail(file, 'is damaged: removed is not a list of removed manifests');
  // A license's grant steps are saved under it (`grants`); a step list has them after it.
  const steps: PlanStep[] = [];
  for (const { grants: nested, ...license } of saved.licenses as Array<PlanStep & { grants?: unknown }>) {
    const grants = readGrantSteps(nested);
    if (!grants) return fail(file, 'is damaged: its grants are not grant steps');
    // A create's licenseArn is left out of the JSON until the license exists.
    for (const s of [license as PlanStep, ...grants]) steps.push({ ...s, licenseArn: s.licenseArn ?? '' });
  }
  // base, scope and removed only change how the plan is shown (`show` prints it as `plan` did).
  const plan: Plan = {
    steps,
    summary: summarize(steps),
    ...(typeof saved.commit === 'string' ? { commit: saved.commit } : {}),
    ...(saved.workingTree === true ? { workingTree: true } : {}),
    ...(typeof saved.base === 'string' ? { base: saved.base } : {}),
    ...(saved.scope !== undefined ? { scope: saved.scope as PlanScope } : {}),
    ...(Array.isArray(saved.removed) && saved.removed.length ? { removed: saved.removed as RemovedManifest[] } : {}),
  };
  return { ok: true, saved: { plan, ignore: ignore as string[], config: saved.config as SavedConfig | null } };
}

function fail(file: string, message: string): SavedPlanRead {
  return { ok: false, errors: [licenseError('STALE_PLAN', message, { file })] };
}

function isStep(value: unknown): boolean {
  const s = value as Partial<PlanStep> | null;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.file === 'string' &&
    (typeof s.licenseArn === 'string' || (s.action === 'create' && s.licenseArn === undefined)) &&
    ACTIONS.includes(s.action as string) &&
    Array.isArray(s.patch) &&
    s.patch.every(
      (op) => typeof op === 'object' && op !== null && typeof op.op === 'string' && typeof op.path === 'string',
    ) &&
    isObject(s.desired) &&
    (s.observed === undefined || isObject(s.observed)) &&
    (s.sourceVersion === undefined || typeof s.sourceVersion === 'string') &&
    ((s.action !== 'update' && s.action !== 'delete') || typeof s.sourceVersion === 'string') &&
    (s.action === 'create' || s.licenseArn !== '') &&
    (s.kind === undefined || s.kind === 'license') &&
    (s.error === undefined ||
      (isObject(s.error) && typeof s.error.code === 'string' && typeof s.error.message === 'string'))
  );
}

function isSavedConfig(value: unknown): boolean {
  const c = value as Partial<SavedConfig> | null;
  return (
    isObject(c) &&
    typeof c.file === 'string' &&
    c.file.length > 0 &&
    c.file.length <= MAX_REF_LENGTH &&
    typeof c.blob === 'string' &&
    COMMIT.test(c.blob) &&
    Object.keys(c).length === 2
  );
}

function isScope(value: unknown): boolean {
  const s = value as Partial<PlanScope> | null;
  const count = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return isObject(s) && count(s.planned) && count(s.total) && Object.keys(s).length === 2;
}

function isRemoved(value: unknown): boolean {
  const r = value as Partial<RemovedManifest> | null;
  return (
    isObject(r) &&
    typeof r.file === 'string' &&
    (r.licenseArn === undefined || typeof r.licenseArn === 'string') &&
    (r.homeRegion === undefined || typeof r.homeRegion === 'string')
  );
}

/**
 * The saved grant steps in step form (`grantName`/`grantArn` back into `grant`),
 * or undefined when damaged. Only their form is checked here; verify-grants.ts
 * checks them against the commit and the live grants.
 */
function readGrantSteps(value: unknown): GrantStep[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const steps: GrantStep[] = [];
  for (const item of value as unknown[]) {
    if (!isObject(item) || !isObject(item.grant) || !isObject(item.desired)) return undefined;
    const grant = item.grant;
    const ok =
      item.kind === 'grant' &&
      typeof item.file === 'string' &&
      (item.licenseArn === undefined || typeof item.licenseArn === 'string') &&
      ACTIONS.includes(item.action as string) &&
      Array.isArray(item.patch) &&
      typeof grant.name === 'string' &&
      (grant.arn === undefined || typeof grant.arn === 'string') &&
      (grant.entry === undefined || isObject(grant.entry)) &&
      (item.sourceVersion === undefined || typeof item.sourceVersion === 'string') &&
      ((item.action !== 'update' && item.action !== 'delete') ||
        (typeof item.sourceVersion === 'string' && typeof grant.arn === 'string'));
    if (!ok) return undefined;
    const { grantName: _name, grantArn: _arn, status: _status, removed: _removed, ...step } = item;
    steps.push(step as unknown as GrantStep);
  }
  return steps;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether JSON text nests arrays and objects deeper than `max`, found in one pass without parsing. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
