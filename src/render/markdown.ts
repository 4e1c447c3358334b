/**
 * The plan and the apply result as GitHub-flavoured Markdown, for job summaries
 * and pull-request comments: a header with the commit, the summary line, a table
 * of changed licenses, each license's changes in a `<details>` with a ```diff
 * block (the same ~/+/- lines as the text plan), and the errors.
 *
 * File names, license names and messages come from the manifests, so they are
 * escaped: nothing in them can break a table, open HTML, close a code fence or
 * mention a person.
 */
import { formatError, type LicenseError } from '../reconcile/errors.js';
import type { ApplyResult, ApplySummary, Outcome } from '../reconcile/outcome.js';
import type { Plan, PlanStep, RemovedManifest } from '../reconcile/types.js';
import { code, escapeMarkdown, escapeText, link } from './escape.js';
import { plain } from './style.js';
import { problemsFound } from './errors.js';
import { operationLines, paragraphs, showsRefusedChange } from './text.js';
import { expiryMarkdown } from './expiry.js';
import { isShown, planGroups } from './groups.js';
import { kindOf, stepLabel, subjectName } from '../kinds/index.js';
import { applyCounts, count, fanOutLines, manifestsFrom, planCounts } from './summary.js';

export interface MarkdownOptions {
  /** The heading, e.g. `license-gitops plan`; a level-3 heading. */
  title?: string;
  /** Where the commit can be seen, e.g. `https://github.com/ORG/REPO/commit/SHA`. */
  commitUrl?: string;
  /** Details open (the job summary) instead of collapsed (the pull-request comment). */
  expand?: boolean;
}

export function planMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const groups = planGroups(plan);
  const body =
    groups.length === 0
      ? ['No changes. Live licenses match the manifests.']
      : groups.flatMap((group) => [
          group.title ? `#### ${group.title}` : undefined,
          group.note ? `* ${escapeMarkdown(group.note)}` : undefined,
          group.steps.length + group.removed.length > 0 ? planTable(group.steps, group.removed) : undefined,
          ...group.steps.filter(hasDetails).map((s) => stepDetails(s, options)),
        ]);
  const notes = (plan.notes ?? []).map((line) => `> **Note:** ${escapeMarkdown(line)}`).join('\n');
  return blocks([
    heading(options.title ?? 'license-gitops plan'),
    commitLine(plan, options.commitUrl),
    `**Plan:** ${planCounts(plan)}.`,
    notes.trimEnd(),
    fanOutLines(plan, code)
      .map((line) => `- ${line}`)
      .join('\n'),
    ...body,
    expiryMarkdown(plan.expiry),
    errorList(plan.steps.filter(isShown)),
  ]);
}

export function applyMarkdown(
  plan: Plan,
  results: readonly ApplyResult[],
  summary: ApplySummary,
  options: MarkdownOptions = {},
): string {
  const attempted = results.filter((r) => r.outcome !== 'unchanged' || r.recorded);
  const removed = plan.removed ?? [];
  return blocks([
    heading(options.title ?? 'license-gitops apply'),
    commitLine(plan, options.commitUrl),
    `**Apply:** ${applyCounts(summary)}.`,
    attempted.length + removed.length === 0 ? 'No changes. Live licenses match the manifests.' : undefined,
    attempted.length > 0 ? applyTable(attempted) : undefined,
    removed.length > 0 ? removedList(removed) : undefined,
    ...attempted.filter((r) => hasDetails(r.step)).map((r) => stepDetails(r.step, options)),
    errorList(attempted),
  ]);
}

/** Invalid manifests (or a usage problem): every one, with its position; nothing was sent. */
export function errorsMarkdown(errors: readonly LicenseError[], options: MarkdownOptions = {}): string {
  return blocks([
    heading(options.title ?? 'license-gitops'),
    `**${problemsFound(errors.length)}.**`,
    errors.map((e) => `- ${errorItem(e)}`).join('\n'),
  ]);
}

function planTable(changed: readonly PlanStep[], removed: readonly RemovedManifest[]): string {
  const rows = [
    ...changed.map(planRow),
    ...removed.map((r) =>
      row(['', code(r.file), '', '', 'removed from git; the license is left alone (prune is off)']),
    ),
  ];
  return table(['', 'File', 'License', 'Pinned version', 'Changes'], rows);
}

function planRow(s: PlanStep): string {
  const pin = escapeMarkdown(s.sourceVersion ?? '');
  const changes = count(s.patch.length, 'change');
  // The columns of planTable: the sign, the file, the license's name, the pinned version, what the step does.
  const cells = (sign: string, version: string, what: string) =>
    row([sign, code(s.file), escapeMarkdown(subjectName(s)), version, what]);
  switch (s.action) {
    case 'create':
      return cells('`+`', '', `create in ${escapeMarkdown(s.desired.HomeRegion)}: ${changes}`);
    case 'update':
      return cells('`~`', pin, `${changes}${s.adopted ? '; adopted (ARN to record)' : ''}`);
    case 'delete':
      return cells('`-`', pin, escapeMarkdown([kindOf(s).deletes?.(s), s.note].filter(Boolean).join('; ')));
    case 'noop':
      return cells('', pin, escapeMarkdown(s.adopted ? 'adopted (ARN to record)' : (s.note ?? '')));
    case 'error':
      return cells('`!`', '', `error: ${literal(s.error?.code ?? 'ERROR')}`);
  }
}

/** Steps whose changes are listed in a collapsible diff. */
function hasDetails(step: PlanStep): boolean {
  return ((step.action === 'update' || step.action === 'create') && step.patch.length > 0) || showsRefusedChange(step);
}

function applyTable(results: readonly ApplyResult[]): string {
  const rows = results.map((r) => {
    const version =
      r.newVersion && r.step.sourceVersion
        ? `${r.step.sourceVersion} → ${r.newVersion}`
        : (r.newVersion ?? r.step.sourceVersion ?? '');
    const why = [r.recorded ? 'ARN written to the manifest' : '', r.error ? literal(r.error.code) : '']
      .filter((part) => part !== '')
      .join('; ');
    return row([
      `${ICONS[r.outcome]} ${r.outcome}`,
      code(r.step.file),
      escapeMarkdown(subjectName(r.step)),
      escapeMarkdown(version),
      why,
    ]);
  });
  return table(['Outcome', 'File', 'License', 'Version', 'Error'], rows);
}

function removedList(removed: readonly RemovedManifest[]): string {
  const items = removed.map((r) => `- ${code(r.file)}${r.licenseArn ? ` (${code(r.licenseArn)})` : ''}`);
  return [
    `Removed from git; their licenses are left alone (apply deletes a license only with prune on):`,
    '',
    ...items,
  ].join('\n');
}

/** One license's changes: the ARN and the pin, then the ~/+/- lines of the text plan in a diff block. */
function stepDetails(step: PlanStep, options: MarkdownOptions): string {
  const lines = operationLines(step, plain).map(escapeText);
  const summary = `${code(stepLabel(step))}: ${count(step.patch.length, 'change')}`;
  const what =
    step.action === 'create'
      ? escapeMarkdown(kindOf(step).creates?.(step) ?? '')
      : `${code(kindOf(step).arn(step) ?? '')}, ${escapeMarkdown(kindOf(step).pin(step))}${step.note ? `; ${escapeMarkdown(step.note)}` : ''}`;
  return [
    `<details${options.expand ? ' open' : ''}><summary>${summary}</summary>`,
    '',
    what,
    '',
    fenced('diff', lines),
    '',
    '</details>',
  ].join('\n');
}

/** The errors of the steps (or results) shown, under a heading; undefined when none has one. */
function errorList(shown: readonly { error?: LicenseError }[]): string | undefined {
  const errors = shown.flatMap((s) => (s.error ? [s.error] : []));
  if (errors.length === 0) return undefined;
  return ['#### Errors', '', ...errors.map((e) => `- ${errorItem(e)}`)].join('\n');
}

/** `file:line:col`, then the message and the stable code. */
function errorItem(error: LicenseError): string {
  const where = formatError({ ...error, message: '' }).replace(/: $/, '');
  return `${where ? `${code(where)}: ` : ''}${escapeMarkdown(error.message)} (${literal(error.code)})`;
}

export function heading(title: string): string {
  return `### ${escapeMarkdown(title)}`;
}

function commitLine(plan: Plan, url: string | undefined): string | undefined {
  const from = manifestsFrom(plan, (commit) => commitRef(commit, url));
  return from && `${from}.`;
}

/** The commit's first 12 characters as code, linked to its page when there is one. */
export function commitRef(commit: string, url: string | undefined): string {
  const shown = code(commit.slice(0, 12));
  return url ? link(url, shown) : shown;
}

export const ICONS: Readonly<Record<Outcome, string>> = {
  created: '✅',
  updated: '✅',
  deleted: '🗑️',
  unchanged: '',
  conflict: '⚠️',
  failed: '❌',
  skipped: '⏸️',
};

function blocks(parts: readonly (string | undefined)[]): string {
  return `${paragraphs(parts)}\n`;
}

function table(header: readonly string[], rows: readonly string[]): string {
  return [row(header), row(header.map(() => '---')), ...rows].join('\n');
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** A word from a closed vocabulary (an error code, an outcome) as inline code. */
function literal(word: string): string {
  return `\`${word}\``;
}

/** A fenced block whose fence is longer than any run of backticks inside it. */
function fenced(language: string, lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...(l.match(/`+/g) ?? []).map((run) => run.length))));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, ...lines, fence].join('\n');
}
