/**
 * Human output in the style users know from `terraform plan`: a block per
 * changed license with ~/+/- lines showing old → new, then a summary line.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { formatError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary, Outcome } from '../reconcile/outcome.js';
import type { Comparable, Plan, PlanStep, RemovedManifest } from '../reconcile/types.js';
import { plain, type Paint } from './style.js';
import { planGroups } from './groups.js';
import { applyCounts, planCounts } from './summary.js';
import { escapeText } from './escape.js';
import { show } from './values.js';

export function renderPlan(plan: Plan, paint: Paint = plain): string {
  const groups = planGroups(plan).map((group) => {
    const blocks = [
      ...group.steps.map((s) => renderStep(s, paint)),
      ...group.removed.map((r) => renderRemoved(r, paint)),
    ];
    const title = group.title ? `${paint('bold', `${group.title}:`)}\n\n` : '';
    return `${title}${blocks.join('\n\n')}`;
  });
  const commit = plan.commit
    ? `Manifests at commit ${escapeText(plan.commit)}\n\n`
    : plan.workingTree
      ? 'Manifests from the working tree (uncommitted changes)\n\n'
      : '';
  const head = groups.length > 0 ? `${groups.join('\n\n')}\n\n` : 'No changes. Live licenses match the manifests.\n\n';
  return `${commit}${head}${paint('bold', 'Plan:')} ${planCounts(plan)}.\n`;
}

function renderRemoved(removed: RemovedManifest, paint: Paint): string {
  const license = escapeText(removed.licenseArn ?? 'its license');
  return `${paint('dim', '-')} ${paint('bold', escapeText(removed.file))} ${paint('dim', '(removed from git)')}\n    ${license} is left alone in License Manager; deleting licenses is not something apply does`;
}

function renderStep(step: PlanStep, paint: Paint): string {
  if (step.action === 'error') {
    return (
      paint('red', `! ${escapeText(step.file)}`) +
      `\n    ${step.error ? escapeText(formatError({ ...step.error, file: undefined })) : 'error'}`
    );
  }
  const header = `${paint('yellow', '~')} ${paint('bold', escapeText(step.file))}\n    ${escapeText(step.licenseArn)} (pinned to version ${step.sourceVersion})`;
  const lines = step.patch.map((op) => `    ${renderOperation(op, step.observed ?? {}, paint)}`);
  return [header, ...lines].join('\n');
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
  const width = Math.max(0, ...results.map((r) => escapeText(r.step.file).length));
  const lines = results.map((r) => renderResult(r, width, paint));
  return `${lines.join('\n')}${lines.length ? '\n\n' : ''}${paint('bold', 'Apply:')} ${applyCounts(summary)}.\n`;
}

function renderResult(result: ApplyResult, width: number, paint: Paint): string {
  const { step, outcome } = result;
  const label = paint(outcomeColor(outcome), outcome.padEnd(9));
  const file = escapeText(step.file).padEnd(width);
  if (outcome === 'updated')
    return `${label}  ${file}  version ${escapeText(`${step.sourceVersion} → ${result.newVersion}`)}`;
  if (outcome === 'unchanged') return `${label}  ${file}`;
  const why = result.error ? escapeText(formatError({ ...result.error, file: undefined })) : '';
  return `${label}  ${file}  ${why}`;
}

function outcomeColor(outcome: Outcome): 'green' | 'red' | 'yellow' | 'dim' {
  if (outcome === 'updated') return 'green';
  if (outcome === 'unchanged') return 'dim';
  return outcome === 'skipped' ? 'yellow' : 'red';
}
