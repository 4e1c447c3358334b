/**
 * Usage-aware plans: a change that can cut off a customer who is using the
 * license is refused unless the manifest or the run allows it. Which changes
 * those are, which licenses' usage must be read for them (only those), and
 * what the plan says once usage is known, as pure functions over the plan's
 * steps and the usage read (GetLicenseUsage, by run/usage.ts).
 */
import { parsePointer } from './diff.js';
import { stepError } from './errors.js';
import type { UsageRead } from './ports.js';
import type { EntitlementUsage, PlanStep } from './types.js';
import { isLicenseStep, kindName } from './steps.js';

/** How a plan's note says a change that could cut off a customer in use was allowed. */
export const ALLOWED_IN_USE = 'in use, allowed by allowBelowUsage';

/** What may be done in spite of usage: the run's allowance (--allow-in-use, the config), or a manifest's own. */
export interface UsageAllowance {
  /** `--allow-in-use` or the configuration's `allowBelowUsage`. */
  all: boolean;
  /** Manifests that say `"allowBelowUsage": true`, by file as shown. */
  files: ReadonlySet<string>;
}

/** An entitlement whose MaxCount the step changes, with the MaxCount apply sends (absent: no limit). */
type CountChange = Omit<EntitlementUsage, 'consumed'>;

/** Each entitlement's consumed value, by its Name (GetLicenseUsage). */
type Consumed = Readonly<Record<string, number>>;

/** The licenses whose usage the plan needs, ARN → HomeRegion: those with a step that could cut a customer off or changes a MaxCount. */
export function usageNeeded(steps: readonly PlanStep[]): Map<string, string> {
  const needed = new Map<string, string>();
  for (const step of steps)
    if (step.licenseArn !== '' && (countChanges(step).length > 0 || cutOff(step) !== undefined))
      needed.set(step.licenseArn, step.desired.HomeRegion);
  return needed;
}

/**
 * The steps with usage taken into account: each changed MaxCount carries its
 * consumed value, and a step that would cut off a customer in use becomes an
 * `IN_USE` error unless allowed (then it stays, with a note). Licenses whose
 * usage could not be read are left as planned; `unread` says why, once.
 */
export function withUsage(
  steps: readonly PlanStep[],
  usage: ReadonlyMap<string, UsageRead>,
  allowance: UsageAllowance,
): { steps: PlanStep[]; unread?: string } {
  let unread: string | undefined;
  const checked = steps.map((step): PlanStep => {
    const read = usage.get(step.licenseArn);
    if (!read) return step;
    if (!read.ok) {
      unread ??= read.error.message;
      return step;
    }
    const counts = countChanges(step);
    const annotated: PlanStep =
      counts.length > 0 && isLicenseStep(step)
        ? { ...step, usage: counts.map((c) => usageOf(c, read.consumed)) }
        : step;
    const problems = harms(step, counts, read.consumed);
    if (problems.length === 0) return annotated;
    const what = problems.join('; ');
    if (allowance.all || allowance.files.has(step.file)) {
      const note = `${ALLOWED_IN_USE}: ${what}`;
      return { ...annotated, allowedInUse: true, note: annotated.note ? `${annotated.note}; ${note}` : note };
    }
    const message = `${what}; the customer would lose what they have checked out, so nothing is written (set "allowBelowUsage": true in the manifest, or pass --allow-in-use, to do it anyway)`;
    return { ...annotated, action: 'error', error: stepError(step, 'IN_USE', message) };
  });
  return unread === undefined ? { steps: checked } : { steps: checked, unread };
}

/** What the step would take from a customer who has checkouts, one phrase each (none: no harm). */
function harms(step: PlanStep, counts: readonly CountChange[], consumed: Consumed): string[] {
  const inUse = Object.entries(consumed).filter(([, value]) => value > 0);
  const total = inUse.map(([name, value]) => `${name}: ${value} consumed`).join(', ');
  const cut = cutOff(step);
  if (cut && inUse.length > 0) return [`${cut} while the license is in use (${total})`];
  return counts.flatMap((c) => {
    const used = consumed[c.entitlement] ?? 0;
    if (c.removed && used > 0) return [`entitlement ${c.entitlement} would be removed with ${used} consumed`];
    if (c.maxCount !== undefined && c.maxCount < used)
      return [`entitlement ${c.entitlement} has ${used} consumed, above the new MaxCount ${c.maxCount}`];
    return [];
  });
}

/** How the step ends a customer's use of the whole license, if it does. */
function cutOff(step: PlanStep): string | undefined {
  const kind = kindName(step);
  if (kind === 'license' && step.action === 'delete') return 'prune would delete the license';
  const deactivates = step.patch.some((op) => op.path === '/Status') && step.desired.Status === 'DEACTIVATED';
  if (kind === 'license' && step.action === 'update' && deactivates)
    return 'Status DEACTIVATED would deactivate the license';
  if (step.kind !== 'grant') return undefined;
  if (step.action === 'delete') return `deleting grant ${step.grant.name} would take the license from its grantee`;
  if (step.action === 'update' && step.grant.entry?.Status === 'DISABLED' && step.grant.status !== 'DISABLED')
    return `disabling grant ${step.grant.name} would take the license from its grantee`;
  return undefined;
}

/** The entitlements whose MaxCount a license update sends changed (ignored pointers already keep live values). */
function countChanges(step: PlanStep): CountChange[] {
  if (!isLicenseStep(step) || step.action !== 'update') return [];
  const changes = new Map<string, CountChange>();
  const observed = step.observed?.Entitlements as Record<string, { MaxCount?: unknown }> | undefined;
  for (const op of step.patch) {
    const [top, name, member, ...deeper] = parsePointer(op.path) ?? [];
    if (top !== 'Entitlements' || name === undefined || deeper.length > 0) continue;
    if (member === undefined && op.op === 'remove') changes.set(name, { entitlement: name, removed: true });
    else if (member === 'MaxCount' || (member === undefined && op.op === 'replace')) {
      const maxCount = step.desired.Entitlements.find((e) => e.Name === name)?.MaxCount;
      const had = observed?.[name]?.MaxCount;
      if (maxCount !== (typeof had === 'number' ? had : undefined))
        changes.set(name, { entitlement: name, ...(maxCount !== undefined ? { maxCount } : {}) });
    }
  }
  return [...changes.values()];
}

/** The change beside the entitlement's consumed value, in EntitlementUsage's member order. */
function usageOf({ entitlement, ...change }: CountChange, consumed: Consumed): EntitlementUsage {
  return { entitlement, consumed: consumed[entitlement] ?? 0, ...change };
}
