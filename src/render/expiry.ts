/**
 * The expiry warning in every output: a text section (plan, validate), and in
 * Markdown (job summary, pull-request comment, drift issue) a table and a
 * Mermaid `gantt` chart of the validity windows in the next 90 days, which
 * GitHub renders. Names come from manifests and replies: escaped in text and
 * tables, and cut down to a few safe characters inside the chart.
 */
import { dueText, type ExpiringLicense, type ExpiryReport } from '../reconcile/expiry.js';
import { code, escapeMarkdown, escapeText } from './escape.js';
import type { Paint } from './style.js';
import { count } from './summary.js';

/** Rows shown in Markdown; the rest are counted ("and 12 more"), and all are in the JSON. */
const MAX_EXPIRY_ROWS = 50;
/** The chart's horizon, in days from the report's start. */
const CHART_DAYS = 90;
const DAY_MS = 86_400_000;

/** "Expiring within 30 days (soonest first):" and one line per license; "" when none. */
export function expiryText(report: ExpiryReport | undefined, paint: Paint): string {
  if (!report || report.licenses.length === 0) return '';
  const lines = report.licenses.map((l) => {
    const who = l.beneficiary ? `  ${escapeText(l.beneficiary)}` : '';
    return `  ${day(l.end)}  ${dueText(l.daysLeft).padEnd(12)}  ${escapeText(l.licenseName)}${who}  ${escapeText(l.file)}`;
  });
  return `${paint('yellow', `Expiring within ${count(report.days, 'day')} (soonest first):`)}\n${lines.join('\n')}\n`;
}

/** The one-line reason a run with --fail-on-expiring fails. */
export function expiringFailure(report: ExpiryReport): string {
  const n = report.licenses.length;
  return `${count(n, 'license ends', 'licenses end')} within ${count(report.days, 'day')} (--fail-on-expiring): renew ${n === 1 ? 'it' : 'them'} by moving Validity.End, or lower the warning`;
}

/** The table and the chart; undefined when nothing ends within the window. */
export function expiryMarkdown(report: ExpiryReport | undefined): string | undefined {
  if (!report || report.licenses.length === 0) return undefined;
  const shown = report.licenses.slice(0, MAX_EXPIRY_ROWS);
  const more = report.licenses.length - shown.length;
  const rows = shown.map(
    (l) =>
      `| ${day(l.end)} | ${dueText(l.daysLeft)} | ${escapeMarkdown(l.beneficiary ?? '')} | ${escapeMarkdown(l.licenseName)} | ${code(l.file)} |`,
  );
  return [
    `#### Expiring within ${count(report.days, 'day')}`,
    '',
    '| ends | due | customer | license | manifest |',
    '|---|---|---|---|---|',
    ...rows,
    ...(more > 0 ? ['', `and ${more} more (every one is in the JSON plan).`] : []),
    '',
    gantt(shown, Date.parse(report.from)),
  ].join('\n');
}

/** The validity windows of `licenses` clipped to the next 90 days, one bar each, grouped by customer. */
function gantt(licenses: readonly ExpiringLicense[], from: number): string {
  const until = from + CHART_DAYS * DAY_MS;
  const byCustomer = new Map<string, ExpiringLicense[]>();
  for (const l of licenses) {
    if (Date.parse(l.end) > until) continue;
    const customer = chartName(l.beneficiary ?? 'no beneficiary');
    byCustomer.set(customer, [...(byCustomer.get(customer) ?? []), l]);
  }
  const sections = [...byCustomer].flatMap(([customer, own]) => [
    `    section ${customer}`,
    ...own.map((l) => {
      const start = Math.max(Date.parse(l.begin), from);
      return `    ${chartName(l.licenseName)} :${l.daysLeft < 7 ? 'crit, ' : ''}${day(new Date(start).toISOString())}, ${day(l.end)}`;
    }),
  ]);
  return [
    '```mermaid',
    'gantt',
    `    title Validity windows, the next ${CHART_DAYS} days`,
    '    dateFormat YYYY-MM-DD',
    '    axisFormat %Y-%m-%d',
    ...sections,
    '```',
  ].join('\n');
}

/**
 * A name Mermaid can't misread: letters, digits, spaces and `. _ - ( ) /` only
 * (a colon ends a task's name, `#` and `;` start comments and entities, a
 * backtick could end the fence), at most 60 characters, never empty, and never
 * starting with a directive's keyword.
 */
function chartName(text: string): string {
  const safe = text
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N} ._()/-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60)
    .trim();
  if (safe === '') return 'unnamed';
  // A line that starts with a directive's keyword would be read as the directive.
  return DIRECTIVES.has(safe.split(' ')[0]!.toLowerCase()) ? `license ${safe}` : safe;
}

/** Mermaid gantt's directive keywords (lowercase). */
const DIRECTIVES = new Set([
  'gantt',
  'title',
  'section',
  'dateformat',
  'axisformat',
  'tickinterval',
  'excludes',
  'includes',
  'todaymarker',
  'weekday',
  'weekend',
  'inclusiveenddates',
  'topaxis',
  'displaymode',
  'click',
  'call',
  'acctitle',
  'accdescr',
]);

/** The date of an instant; only digits and dashes, whatever a saved plan holds there. */
function day(iso: string): string {
  const date = iso.slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : '????-??-??';
}
