/**
 * Human output in the style users know from `terraform plan`: a block per
 * changed license with ~/+/- lines showing old → new, then a summary line.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { formatError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary, Outcome } from '../reconcile/outcome.js';
import type { Comparable, Plan, PlanStep, RemovedManifest } from '../reconcile/types.js';
import { kindOf, pointerName, stepLabel, subjectArn } from '../kinds/index.js';
import { grantCreateLine, renderGrantStep, renderTagStep } from './grant-text.js';
import { plain, type Paint } from './style.js';
import { planGroups } from './groups.js';
import { applyCounts, planCounts } from './summary.js';
import { escapeText } from './escape.js';
import { show } from './values.js';
import { consumedBeside, showsRefusedChange } from './usage.js';
import { planNotes } from './notes.js';
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
  const notes = planNotes(plan, (line) => `${paint('yellow', 'Note:')} ${escapeText(line)}`);
  const expiry = expiryText(plan.expiry, paint);
  return `${commit}${notes}${renderFanOut(plan, paint)}${head}${paint('bold', 'Plan:')} ${planCounts(plan)}.\n${expiry ? `\n${expiry}` : ''}`;
}

/** One line per product template whose change fans out: "licenses/products/x.json changes 212 licenses". */
export function renderFanOut(plan: Plan, paint: Paint = plain): string {
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
  if (step.kind === 'grant') return renderGrantStep(step, paint, (s) => operations(s, paint));
  if (step.kind === 'tags') return renderTagStep(step, paint, (s) => operations(s, paint));
  const file = escapeText(step.file);
  const note = step.note ? [`    note: ${escapeText(step.note)}`] : [];
  const pinned = `    ${escapeText(step.licenseArn)} (pinned to version ${escapeText(step.sourceVersion ?? '')})`;
  switch (step.action) {
    case 'error': {
      const why = step.error ? escapeText(formatError({ ...step.error, file: undefined })) : 'error';
      const refused = showsRefusedChange(step) ? operations(step, paint) : [];
      return [paint('red', `! ${file}`) + `\n    ${why}`, ...note, ...refused].join('\n');
    }
    case 'create':
      return [
        `${paint('green', '+')} ${paint('bold', file)}`,
        `    ${createLine(step)}`,
        ...operations(step, paint),
      ].join('\n');
    case 'delete':
      return [`${paint('red', '-')} ${paint('bold', file)}`, pinned, `    ${deleteLine(step)}`].join('\n');
    case 'noop':
      return [`${paint('dim', step.adopted ? '~' : '#')} ${paint('bold', file)}`, ...adoptedLine(step), ...note].join(
        '\n',
      );
    case 'update':
      return [
        `${paint('yellow', '~')} ${paint('bold', file)}`,
        pinned,
        ...adoptedLine(step),
        ...note,
        ...operations(step, paint),
      ].join('\n');
  }
}

/** What a create step will do, in words. */
export function createLine(step: PlanStep): string {
  if (step.kind === 'grant') return grantCreateLine(step);
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

function adoptedLine(step: PlanStep): string[] {
  if (!step.adopted) return [];
  return [
    `    ${escapeText(step.licenseArn)}: created by license-gitops from this manifest, but its ARN never reached git; adopted (apply writes the LicenseArn into the manifest)`,
  ];
}

function operations(step: PlanStep, paint: Paint): string[] {
  return operationLines(step, paint).map((line) => `    ${line}`);
}

/** A step's ~/+/- lines, each changed MaxCount with what is consumed of it. */
export function operationLines(step: PlanStep, paint: Paint): string[] {
  return step.patch.map((op) => `${renderOperation(op, step.observed ?? {}, paint)}${consumedBeside(step, op)}`);
}

export function renderOperation(op: Operation, observed: Comparable, paint: Paint): string {
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
        return escapeText(kindOf(step).updated(result));
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
