/**
 * Human output in the style users know from `terraform plan`: a block per
 * changed license with ~/+/- lines showing old → new, then a summary line.
 * A grant's or a tag set's step is a block of the same form, titled with its
 * license's file and the part of it (`grant acme-prod`), with its `/Grants/<name>/…` lines.
 */
import jsonpatch, { type Operation } from 'fast-json-patch';
import { formatError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary, Outcome } from '../reconcile/outcome.js';
import type { Comparable, Plan, PlanStep, RemovedManifest } from '../reconcile/types.js';
import { isLicenseStep } from '../reconcile/steps.js';
import { kindOf, pointerName, stepLabel } from '../kinds/index.js';
import { plain, type Paint } from './style.js';
import { planGroups } from './groups.js';
import { applyCounts, fanOutLines, manifestsFrom, planCounts } from './summary.js';
import { escapeText } from './escape.js';
import { expiryText } from './expiry.js';

export function renderPlan(plan: Plan, paint: Paint = plain): string {
  const groups = planGroups(plan).map((group) => {
    const title = group.title && paint('bold', `${group.title}:`);
    const note = group.note && paint('dim', `* ${escapeText(group.note)}`);
    const blocks = [
      ...group.steps.map((s) => renderStep(s, paint)),
      ...group.removed.map((r) => renderRemoved(r, paint)),
    ];
    return paragraphs([title, note, ...blocks]).trimEnd();
  });
  const head = groups.length > 0 ? groups.join('\n\n') : 'No changes. Live licenses match the manifests.';
  const notes = (plan.notes ?? []).map((line) => `${paint('yellow', 'Note:')} ${escapeText(line)}`).join('\n');
  const fanOut = fanOutLines(plan, (file) => paint('bold', escapeText(file))).join('\n');
  const counts = `${paint('bold', 'Plan:')} ${planCounts(plan)}.`;
  const expiry = expiryText(plan.expiry, paint);
  return `${paragraphs([manifestsFrom(plan, escapeText), notes, fanOut, head, counts])}\n${expiry ? `\n${expiry}` : ''}`;
}

/** The parts that are set, a blank line between each. */
export function paragraphs(parts: readonly (string | undefined)[]): string {
  return parts.filter((p) => p !== undefined && p !== '').join('\n\n');
}

function renderRemoved(removed: RemovedManifest, paint: Paint): string {
  const license = escapeText(removed.licenseArn ?? 'its license');
  return `${paint('dim', '-')} ${paint('bold', escapeText(removed.file))} ${paint('dim', '(removed from git)')}\n    ${license} is left alone in License Manager (apply deletes a license only with --prune)`;
}

/**
 * One step's block, the same for every kind: a sigil and the title (the file, and the part
 * of it the step is about), the subject's ARN and pin, then what the step does and its lines.
 */
function renderStep(step: PlanStep, paint: Paint): string {
  const kind = kindOf(step);
  const part = kind.part(step);
  const title = `${paint('bold', escapeText(step.file))}${part ? `: ${escapeText(part)}` : ''}`;
  const arn = escapeText(kind.arn(step) ?? '');
  const pinned = `${arn} (${escapeText(kind.pin(step))})`;
  const note = step.note ? [`note: ${escapeText(step.note)}`] : [];
  const pointer = kind.arnPointer(step);
  const adopted =
    step.adopted && kind.adopts && pointer
      ? [`${arn}: ${kind.adopts}; adopted (apply writes the ${pointerName(pointer)} into the manifest)`]
      : [];
  const ops = operationLines(step, paint);
  // The sigil and the title, then the step's lines indented under them.
  const block = (sigil: string, lines: readonly string[]) =>
    [`${sigil} ${title}`, ...lines.map((line) => `    ${line}`)].join('\n');
  switch (step.action) {
    case 'error': {
      const why = step.error ? escapeText(formatError({ ...step.error, file: undefined })) : 'error';
      return block(paint('red', '!'), [why, ...note, ...(showsRefusedChange(step) ? ops : [])]);
    }
    case 'create':
      return block(paint('green', '+'), [escapeText(kind.creates?.(step) ?? ''), ...ops]);
    case 'delete':
      return block(paint('red', '-'), [pinned, escapeText(kind.deletes?.(step) ?? ''), ...note, ...ops]);
    case 'noop':
      return block(paint('dim', step.adopted ? '~' : '#'), [...adopted, ...note]);
    case 'update':
      return block(paint('yellow', '~'), [pinned, ...adopted, ...note, ...ops]);
  }
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
  const details = [
    outcome === 'created' ? escapeText(result.recorded?.arn ?? kindOf(step).arn(step) ?? '') : undefined,
    outcome === 'deleted' ? escapeText(`${kindOf(step).arn(step)} (was version ${step.sourceVersion})`) : undefined,
    outcome === 'updated' ? escapeText(kindOf(result.step).updated(result)) : undefined,
    result.recorded
      ? `${pointerName(result.recorded.pointer)} written to ${escapeText(result.recorded.file)}`
      : undefined,
    result.error ? escapeText(formatError({ ...result.error, file: undefined })) : undefined,
  ].filter((d): d is string => d !== undefined);
  return details.length > 0 ? `${label}  ${file}  ${details.join('; ')}` : `${label}  ${file}`;
}

function outcomeColor(outcome: Outcome): 'green' | 'red' | 'yellow' | 'dim' {
  if (outcome === 'updated' || outcome === 'created' || outcome === 'deleted') return 'green';
  if (outcome === 'unchanged') return 'dim';
  return outcome === 'skipped' ? 'yellow' : 'red';
}
