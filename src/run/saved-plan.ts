/**
 * Saved plans (`plan --out FILE`, `apply FILE`, `show FILE`). A saved plan is
 * a claim to check, not a command to obey: it moves between a pull-request job
 * (untrusted code) and an apply job. Reading one bounds its size and nesting
 * and checks its form against schemas/plan.schema.json; `verify-plan.ts` then checks every step against the
 * commit it names and the live licenses before anything is sent.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { summarize } from '../reconcile/plan.js';
import { licenseError, type LicenseError } from '../reconcile/errors.js';
import type { GrantStep, LicenseStep, Plan, PlanStep, TagStep, TemplateBlob } from '../reconcile/types.js';
import { isRecord, present } from '../reconcile/json-values.js';
import { FORMAT_VERSION, type SavedConfig } from '../reconcile/plan-file.js';
import type { ValidateFunction } from '../manifests/schema.js';
import { validate as generatedValidate } from './generated/plan-validator.js';

/** schemas/plan.schema.json, compiled ahead of time (`npm run generate`). */
const validatePlan = generatedValidate as ValidateFunction;

/** A saved plan as read: the plan to show, the commit it claims, the ignore rules it was made with. */
export interface SavedPlan {
  plan: Plan;
  /** RFC 6901 pointers the plan was made with. */
  ignore: string[];
  /** The configuration file it was made with; null when there was none. */
  config: SavedConfig | null;
  /** The product templates its licenses were rendered from, by blob. */
  templateBlobs: TemplateBlob[];
  /** The manifest directory it was made over (absent in plans saved before it was recorded). */
  dir?: string;
}

export type SavedPlanRead = { ok: true; saved: SavedPlan } | { ok: false; errors: LicenseError[] };

/** A plan of thousands of licenses is a few tens of MB at most. */
export const MAX_PLAN_BYTES = 64 * 1024 * 1024;
/** A plan's JSON nests a few levels (plan → step → document → list → entry → value); allow generously more. */
export const MAX_PLAN_DEPTH = 32;
const TOO_LARGE = `is larger than ${MAX_PLAN_BYTES} bytes; it is not a saved plan`;

/** Reads and checks a saved plan file (size first, then nesting, then form). */
export function readSavedPlanFile(file: string): SavedPlanRead {
  let text: string;
  try {
    const fd = openSync(file, 'r');
    try {
      const { size } = fstatSync(fd);
      if (size > MAX_PLAN_BYTES) return fail(file, TOO_LARGE);
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
  if (text.length > MAX_PLAN_BYTES) return fail(file, TOO_LARGE);
  if (nestsDeeperThan(text, MAX_PLAN_DEPTH))
    return fail(file, `nests deeper than ${MAX_PLAN_DEPTH} levels; it is not a saved plan`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return fail(file, 'is not a saved plan (not JSON); write one with `license-gitops plan --out FILE`');
  }
  if (!isRecord(data) || data.kind !== 'license-gitops-plan')
    return fail(file, 'is not a saved plan; write one with `license-gitops plan --out FILE`');
  if (data.formatVersion !== FORMAT_VERSION) {
    const version = typeof data.formatVersion === 'number' ? data.formatVersion : 'unknown';
    return fail(file, `has formatVersion ${version}; this version of license-gitops reads ${FORMAT_VERSION}`);
  }
  if (data.config === undefined)
    return fail(file, 'records no configuration (made by an earlier license-gitops); run plan --out again');
  if (!validatePlan(data)) return fail(file, `is damaged: ${damage(validatePlan.errors)}`);
  const valid = data as unknown as PlanFile;
  // A license's grant steps are saved under it (`grants`); a step list has them after it.
  const steps: PlanStep[] = [];
  for (const { grants = [], tags = [], ...license } of valid.licenses) {
    // A create's licenseArn is left out of the JSON until the license exists.
    for (const s of [license, ...[...grants, ...tags].map(withoutReaders)])
      steps.push({ ...s, licenseArn: s.licenseArn ?? '' } as PlanStep);
  }
  // base, scope, removed, configChange, templates, notes and expiry only change how the plan is shown (`show` prints it as `plan` did).
  const { commit, workingTree, base, scope, removed, configChange, templates, notes, expiry } = valid;
  const plan: Plan = {
    steps,
    summary: summarize(steps),
    ...present({ commit, workingTree, base, configChange, scope, removed, templates, notes, expiry }),
  };
  return {
    ok: true,
    saved: {
      plan,
      ignore: valid.ignore,
      config: valid.config,
      templateBlobs: valid.templateBlobs ?? [],
      ...present({ dir: valid.dir }),
    },
  };
}

function fail(file: string, message: string): SavedPlanRead {
  return { ok: false, errors: [licenseError('STALE_PLAN', message, { file })] };
}

/** A saved plan as schemas/plan.schema.json lets it be: a plan's members, its steps by license, what it was made with. */
interface PlanFile extends Omit<Plan, 'steps' | 'summary'> {
  ignore: string[];
  config: SavedConfig | null;
  dir?: string;
  licenses: Array<Omit<LicenseStep, 'licenseArn'> & { licenseArn?: string; grants?: GrantStep[]; tags?: TagStep[] }>;
}

/** The first problem ajv found, as a JSON pointer and what is wrong there. */
function damage(errors: typeof validatePlan.errors): string {
  const first = errors?.[0];
  if (!first) return 'its form is not a saved plan';
  return `${first.instancePath || '/'} ${first.message ?? 'is not as a saved plan has it'}`;
}

/** Written beside a saved grant or tag step for readers of the file: its grant's name, ARN and state, the resource. */
const FOR_READERS: readonly string[] = ['grantName', 'grantArn', 'status', 'removed', 'resourceArn'];

/** A saved grant or tag step in step form: the members written for readers are dropped, `grant` or `tags` holds them. */
function withoutReaders(saved: GrantStep | TagStep): GrantStep | TagStep {
  return Object.fromEntries(Object.entries(saved).filter(([key]) => !FOR_READERS.includes(key))) as GrantStep | TagStep;
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
