/**
 * Human output in the style users know from `terraform plan`: a block per
 * changed license with ~/+/- lines showing old → new, then a summary line.
 * A grant step (and a tag step) is a block under its license's file, with the
 * grant's name, its ARN and pin, the grantee's side, and the `/Grants/<name>/…` lines.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { formatError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary, Outcome } from '../reconcile/outcome.js';
import type { Comparable, GrantStep, Plan, PlanStep, RemovedManifest, TagStep } from '../reconcile/types.js';
import { isLicenseStep } from '../reconcile/steps.js';
import { pointerName, stepLabel, subjectArn, updatedText } from '../kinds/index.js';
import { plain, type Paint } from './style.js';
import { planGroups } from './groups.js';
import { applyCounts, planCounts } from './summary.js';
import { escapeText } from './escape.js';
import { expiryText } from './expiry.js';

export function renderPlan(plan: Plan, paint: Paint = plain): string {
  const groups = planGroups(plan).map((group) => {
    const blocks = [
      ...group.steps.map((s) => renderStep(s, paint)),
      ...group.removed.map((r) => renderRemoved(r, paint)),
    ];
    const title = group.title ? `${paint('bold', `${group.title}:`)}\n\n` : '';
    const note = group.note ? `${paint('dim', `* ${escapeText(group.note)}`)}\n\n` : '';
    return `${title}${note}${blocks.join('\n\n')}`.trimEnd();
  });
  const commit = plan.commit
    ? `Manifests at commit ${escapeText(plan.commit)}\n\n`
    : plan.workingTree
      ? 'Manifests from the working tree (uncommitted changes)\n\n'
      : '';
  const head = groups.length > 0 ? `${groups.join('\n\n')}\n\n` : 'No changes. Live licenses match the manifests.\n\n';
  const notes = (plan.notes ?? []).map((line) => `${paint('yellow', 'Note:')} ${escapeText(line)}`).join('\n');
  const expiry = expiryText(plan.expiry, paint);
  return `${commit}${notes ? `${notes}\n\n` : ''}${renderFanOut(plan, paint)}${head}${paint('bold', 'Plan:')} ${planCounts(plan)}.\n${expiry ? `\n${expiry}` : ''}`;
}

/** One line per product template whose change fans out: "licenses/products/x.json changes 212 licenses". */
function renderFanOut(plan: Plan, paint: Paint = plain): string {
  const lines = (plan.templates ?? []).map(
    (t) => `${paint('bold', escapeText(t.file))} changes ${t.licenses} license${t.licenses === 1 ? '' : 's'}`,
  );
  return lines.length > 0 ? `${lines.join('\n')}\n\n` : '';
}

function renderRemoved(removed: RemovedManifest, paint: Paint): string {
  const license = escapeText(removed.licenseArn ?? 'its license');
  return `${paint('dim', '-')} ${paint('bold', escapeText(removed.file))} ${paint('dim', '(removed from git)')}\n    ${license} is left alone in License Manager (apply deletes a license only with --prune)`;
}

function renderStep(step: PlanStep, paint: Paint): string {
  if (step.kind === 'grant') return renderGrantStep(step, paint);
  if (step.kind === 'tags') return renderTagStep(step, paint);
  const file = escapeText(step.file);
  const title = paint('bold', file);
  const note = step.note ? [`    note: ${escapeText(step.note)}`] : [];
  const pinned = `    ${escapeText(step.licenseArn)} (pinned to version ${escapeText(step.sourceVersion ?? '')})`;
  const adopted = step.adopted
    ? [
        `    ${escapeText(step.licenseArn)}: created by license-gitops from this manifest, but its ARN never reached git; adopted (apply writes the LicenseArn into the manifest)`,
      ]
    : [];
  const ops = operations(step, paint);
  switch (step.action) {
    case 'error': {
      const why = step.error ? escapeText(formatError({ ...step.error, file: undefined })) : 'error';
      const refused = showsRefusedChange(step) ? ops : [];
      return [paint('red', `! ${file}`) + `\n    ${why}`, ...note, ...refused].join('\n');
    }
    case 'create':
      return [`${paint('green', '+')} ${title}`, `    ${createLine(step)}`, ...ops].join('\n');
    case 'delete':
      return [`${paint('red', '-')} ${title}`, pinned, `    ${deleteLine(step)}`].join('\n');
    case 'noop':
      return [`${paint('dim', step.adopted ? '~' : '#')} ${title}`, ...adopted, ...note].join('\n');
    case 'update':
      return [`${paint('yellow', '~')} ${title}`, pinned, ...adopted, ...note, ...ops].join('\n');
  }
}

/** The block for one grant step. */
function renderGrantStep(step: GrantStep, paint: Paint): string {
  const title = `${paint('bold', escapeText(step.file))}: grant ${escapeText(step.grant.name || '(all)')}`;
  const note = step.note ? [`    ${step.action === 'noop' ? 'note: ' : ''}${escapeText(step.note)}`] : [];
  const pinned = escapeText(`${step.grant.arn ?? ''} (pinned to version ${step.sourceVersion ?? '?'})`);
  const adopted = step.adopted
    ? [
        `    ${escapeText(step.grant.arn ?? '')}: a grant of this name and principal exists, but its GrantArn never reached git; adopted (apply writes the GrantArn into the manifest)`,
      ]
    : [];
  const ops = operations(step, paint);
  switch (step.action) {
    case 'error':
      return subjectError(step, title, paint);
    case 'create':
      return [`${paint('green', '+')} ${title}`, `    ${createLine(step)}`, ...ops].join('\n');
    case 'update':
      return [`${paint('yellow', '~')} ${title}`, `    ${pinned}`, ...adopted, ...note, ...ops].join('\n');
    case 'delete':
      return [`${paint('red', '-')} ${title}`, `    ${pinned}: DeleteGrant (--prune)`, ...note, ...ops].join('\n');
    case 'noop':
      return [`${paint('dim', step.adopted ? '~' : '#')} ${title}`, ...adopted, ...note].join('\n');
  }
}

/** The block for one tag step: the tagged resource, and a `/Tags/<Key>` line per change. */
function renderTagStep(step: TagStep, paint: Paint): string {
  const whose = step.tags.grant === undefined ? 'tags' : `grant ${escapeText(step.tags.grant)} tags`;
  const title = `${paint('bold', escapeText(step.file))}: ${whose}`;
  if (step.action === 'error') return subjectError(step, title, paint);
  const how = `${escapeText(step.tags.arn)} (TagResource / UntagResource; tags have no version, so apply reads them again right before it writes)`;
  return [`${paint('yellow', '~')} ${title}`, `    ${how}`, ...operations(step, paint)].join('\n');
}

/** A grant's or tag set's error: the title, then the message alone (the block already names file and license). */
function subjectError(step: GrantStep | TagStep, title: string, paint: Paint): string {
  return [`${paint('red', '!')} ${title}`, `    ${step.error ? escapeText(step.error.message) : 'error'}`].join('\n');
}

/** What a create step will do, in words. */
export function createLine(step: PlanStep): string {
  if (step.kind === 'grant') {
    const principal = step.grant.entry?.Principals[0] ?? '';
    const license = step.licenseArn === '' ? 'the new license, once created' : 'the license';
    return escapeText(
      `CreateGrant of ${license} to ${principal} in ${step.desired.HomeRegion}; apply writes its GrantArn into the manifest`,
    );
  }
  if (step.kind === 'tags') return '';
  return `a new license in ${escapeText(step.desired.HomeRegion)} (CreateLicense); apply writes its LicenseArn into the manifest`;
}

/** What a delete step will do, in words. */
export function deleteLine(step: PlanStep): string {
  if (step.kind === 'grant') return `not in the manifest: DeleteGrant (--prune); ${step.note ?? ''}`;
  if (step.kind === 'tags') return '';
  const grants = step.activeGrants ?? 0;
  const held =
    grants === 0
      ? 'no active grants'
      : `${grants} active ${grants === 1 ? 'grant' : 'grants'} (--force-delete-granted)`;
  return `its manifest is gone: DeleteLicense "${escapeText(step.desired.LicenseName)}" in ${escapeText(step.desired.HomeRegion)}; ${held}`;
}

function operations(step: PlanStep, paint: Paint): string[] {
  return operationLines(step, paint).map((line) => `    ${line}`);
}

/** A step's ~/+/- lines, each changed MaxCount with what is consumed of it. */
export function operationLines(step: PlanStep, paint: Paint): string[] {
  return step.patch.map((op) => `${renderOperation(op, step.observed ?? {}, paint)}${consumedBeside(step, op)}`);
}

function renderOperation(op: Operation, observed: Comparable, paint: Paint): string {
  const path = escapeText(op.path);
  switch (op.op) {
    case 'add':
      return `${paint('green', '+')} ${path}: ${show(op.value)}`;
    case 'remove':
      return `${paint('red', '-')} ${path}: ${show(valueAt(observed, op.path))}`;
    case 'replace':
      return `${paint('yellow', '~')} ${path}: ${show(valueAt(observed, op.path))} → ${show(op.value)}`;
    default:
      return `${paint('yellow', '~')} ${op.op} ${path}`;
  }
}

function valueAt(document: Comparable, pointer: string): unknown {
  try {
    return jsonpatch.getValueByPointer(document, pointer);
  } catch {
    return undefined;
  }
}

/** Compact, single-line rendering of JSON values for plan lines, made printable. */
function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = escapeText(JSON.stringify(value));
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** " (40 consumed)" after the line that changes or removes an entitlement whose usage was read (reconcile/usage.ts); else "". */
function consumedBeside(step: PlanStep, op: Operation): string {
  if (!isLicenseStep(step) || !step.usage) return '';
  const usage = step.usage.find((u) => {
    const at = `/Entitlements/${jsonpatch.escapePathComponent(u.entitlement)}`;
    return op.path === at || op.path === `${at}/MaxCount`;
  });
  return usage ? ` (${usage.consumed} consumed)` : '';
}

/** Whether a step that is an error still shows what it would change: one refused for usage does. */
export function showsRefusedChange(step: PlanStep): boolean {
  return step.action === 'error' && step.error?.code === 'IN_USE' && step.patch.length > 0;
}

/** One outcome line per license, then the roll-up. */
export function renderApply(results: readonly ApplyResult[], summary: ApplySummary, paint: Paint = plain): string {
  const width = Math.max(0, ...results.map((r) => escapeText(stepLabel(r.step)).length));
  const lines = results.map((r) => renderResult(r, width, paint));
  return `${lines.join('\n')}${lines.length ? '\n\n' : ''}${paint('bold', 'Apply:')} ${applyCounts(summary)}.\n`;
}

function renderResult(result: ApplyResult, width: number, paint: Paint): string {
  const { step, outcome } = result;
  const label = paint(outcomeColor(outcome), outcome.padEnd(9));
  const file = escapeText(stepLabel(step)).padEnd(width);
  const error = result.error ? escapeText(formatError({ ...result.error, file: undefined })) : undefined;
  const recorded = result.recorded
    ? `${pointerName(result.recorded.pointer)} written to ${escapeText(result.recorded.file)}`
    : undefined;
  const what = ((): string | undefined => {
    switch (outcome) {
      case 'created':
        return escapeText(result.recorded?.arn ?? subjectArn(step) ?? '');
      case 'deleted':
        return escapeText(`${subjectArn(step)} (was version ${step.sourceVersion})`);
      case 'updated':
        return escapeText(updatedText(result));
      default:
        return undefined;
    }
  })();
  const details = [what, recorded, error].filter((d): d is string => d !== undefined);
  return details.length > 0 ? `${label}  ${file}  ${details.join('; ')}` : `${label}  ${file}`;
}

function outcomeColor(outcome: Outcome): 'green' | 'red' | 'yellow' | 'dim' {
  if (outcome === 'updated' || outcome === 'created' || outcome === 'deleted') return 'green';
  if (outcome === 'unchanged') return 'dim';
  return outcome === 'skipped' ? 'yellow' : 'red';
}
