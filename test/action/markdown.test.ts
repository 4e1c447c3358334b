/**
 * The Markdown renderer (src/render/markdown.ts): golden files for the plan,
 * the apply report and invalid manifests; escaping of what comes from the
 * manifests; and truncation that never leaves a fence or <details> open.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenseError } from '../../src/reconcile/errors.js';
import { summarizeOutcomes, type ApplyResult } from '../../src/reconcile/outcome.js';
import type { LicenseDocument, Plan, PlanStep } from '../../src/reconcile/types.js';
import { applyMarkdown, errorsMarkdown, planMarkdown } from '../../src/render/markdown.js';
import { escapeMarkdown } from '../../src/render/escape.js';
import { truncateMarkdown } from '../../src/render/truncate-markdown.js';

const ARN = (n: number) => `arn:aws:license-manager::123456789012:license:l-${String(n).repeat(32)}`;

function document(n: number, name: string): LicenseDocument {
  return {
    LicenseArn: ARN(n),
    LicenseName: name,
    ProductName: 'Product',
    Issuer: { Name: 'Example Software Inc.' },
    HomeRegion: 'us-east-1',
    Validity: { Begin: '2026-01-01T00:00:00Z' },
    Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 250 }],
    ConsumptionConfiguration: { RenewType: 'Monthly' },
    Status: 'AVAILABLE',
  };
}

const update: PlanStep = {
  file: 'licenses/acme.json',
  licenseArn: ARN(1),
  action: 'update',
  sourceVersion: '3',
  desired: document(1, 'Acme Analytics Pro'),
  observed: { Entitlements: { seats: { MaxCount: 100 } }, LicenseMetadata: { Tier: { Value: 'gold' } } },
  patch: [
    { op: 'replace', path: '/Entitlements/seats/MaxCount', value: 250 },
    { op: 'remove', path: '/LicenseMetadata/Tier' },
    { op: 'add', path: '/LicenseMetadata/Customer', value: { Value: 'Acme Corp' } },
  ],
};
const noop: PlanStep = {
  file: 'licenses/globex.json',
  licenseArn: ARN(2),
  action: 'noop',
  sourceVersion: '1',
  desired: document(2, 'Globex'),
  patch: [],
};
const failing: PlanStep = {
  file: 'licenses/initech.json',
  licenseArn: ARN(3),
  action: 'error',
  desired: document(3, 'Initech'),
  patch: [],
  error: licenseError('NOT_FOUND', 'the license was not found', { file: 'licenses/initech.json', licenseArn: ARN(3) }),
};

const plan: Plan = {
  steps: [update, noop, failing],
  summary: { create: 0, update: 1, delete: 0, noop: 1, error: 1 },
  commit: '0123456789abcdef0123456789abcdef01234567',
  removed: [{ file: 'licenses/old.json', licenseArn: ARN(4) }],
};

describe('planMarkdown', () => {
  it('renders the header, summary, table, diff details and errors (golden)', async () => {
    const markdown = planMarkdown(plan, {
      title: 'license-gitops plan · licenses',
      commitUrl: 'https://github.example/acme/licenses/commit/0123456789abcdef0123456789abcdef01234567',
    });
    await expect(markdown).toMatchFileSnapshot('golden/plan.md');
  });

  it('opens the details only when asked (the job summary)', () => {
    expect(planMarkdown(plan)).toContain('<details><summary>');
    expect(planMarkdown(plan, { expand: true })).toContain('<details open><summary>');
  });

  it('says so when nothing changes', () => {
    const markdown = planMarkdown({ steps: [noop], summary: { create: 0, update: 0, delete: 0, noop: 1, error: 0 } });
    expect(markdown).toBe(
      '### license-gitops plan\n\n**Plan:** 0 to update, 1 unchanged, 0 errors.\n\nNo changes. Live licenses match the manifests.\n',
    );
  });

  it('escapes file names and values so they cannot break the table, open HTML, mention or close the fence', () => {
    const nasty: PlanStep = {
      ...update,
      file: 'licenses/a|b*<script>@octocat`.json',
      desired: { ...update.desired, LicenseName: 'Name | with _pipes_ and @team' },
      patch: [{ op: 'add', path: '/LicenseMetadata/Note', value: { Value: '````\n# heading' } }],
    };
    const markdown = planMarkdown({ steps: [nasty], summary: { create: 0, update: 1, delete: 0, noop: 0, error: 0 } });
    const row = markdown.split('\n').find((l) => l.startsWith('| `~`'))!;
    expect(row.split(' | ')).toHaveLength(5); // no extra cell from the `|` in the names
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain('&#60;script&#62;');
    expect(markdown).not.toMatch(/@(octocat|team)/);
    expect(markdown).toContain('`````diff\n+ /LicenseMetadata/Note: {"Value":"````\\n# heading"}\n`````');
  });
});

describe('applyMarkdown', () => {
  it('renders outcomes, the diffs of what was written and the errors (golden)', async () => {
    const results: ApplyResult[] = [
      { step: update, outcome: 'updated', newVersion: '4' },
      { step: noop, outcome: 'unchanged' },
      { step: failing, outcome: 'failed', error: failing.error! },
      {
        step: { ...update, file: 'licenses/umbrella.json', licenseArn: ARN(5) },
        outcome: 'conflict',
        error: licenseError('CONFLICT', 'the license changed after it was read; run plan again', {
          file: 'licenses/umbrella.json',
          licenseArn: ARN(5),
        }),
      },
    ];
    const markdown = applyMarkdown(plan, results, summarizeOutcomes(results), {
      title: 'license-gitops apply · licenses',
    });
    await expect(markdown).toMatchFileSnapshot('golden/apply.md');
  });
});

describe('errorsMarkdown', () => {
  it('lists every problem with its position and code (golden)', async () => {
    const errors = [
      licenseError('MANIFEST_SCHEMA', '/LicenseName: must be a string, not 42', {
        file: 'licenses/x.json',
        line: 2,
        column: 18,
      }),
      licenseError('MANIFEST_SYNTAX', 'unexpected end of file', { file: 'licenses/y.json', line: 4, column: 1 }),
      licenseError('USAGE', '--changed-since main names no commit in this repository'),
    ];
    await expect(errorsMarkdown(errors, { title: 'license-gitops plan · licenses' })).toMatchFileSnapshot(
      'golden/errors.md',
    );
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['plain/path-1.json', 'plain/path-1.json'],
    ['a|b', 'a&#124;b'],
    [
      '*bold* _it_ `code` [link](x) ~strike~ \\',
      '&#42;bold&#42; &#95;it&#95; &#96;code&#96; &#91;link&#93;(x) &#126;strike&#126; &#92;',
    ],
    ['<b>&amp;</b>', '&#60;b&#62;&#38;amp;&#60;/b&#62;'],
    ['hi @octocat', 'hi @&#8203;octocat'],
    ['line\nbreak', 'line&#92;u000abreak'],
    ['- not a list', '&#45; not a list'],
    ['# not a heading', '&#35; not a heading'],
    ['1. not a list', '1&#46; not a list'],
    ['a - b # c', 'a - b # c'],
  ])('%j → %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});

/** Markdown of paragraphs, tables, fenced blocks and <details>, as the renderer writes. */
const markdownDoc = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 80 }).map((s) => s.replace(/`|<|\n/g, '')),
      fc
        .array(
          fc.string({ maxLength: 60 }).map((s) => `~ ${s.replace(/\n/g, ' ')}`),
          { maxLength: 20 },
        )
        .map((lines) => ['```diff', ...lines, '```'].join('\n')),
      fc
        .nat(15)
        .map((n) =>
          ['<details><summary>x</summary>', '', '```diff', ...Array(n).fill('+ /a: 1'), '```', '', '</details>'].join(
            '\n',
          ),
        ),
      fc.nat(10).map((n) => ['| a | b |', '| --- | --- |', ...Array(n).fill('| é | 😀 |')].join('\n')),
    ),
    { maxLength: 30 },
  )
  .map((blocks) => `${blocks.join('\n\n')}\n`);

describe('truncateMarkdown', () => {
  const note = '> [!NOTE]\n> Truncated.';

  it('returns text that fits unchanged', () => {
    fc.assert(
      fc.property(markdownDoc, (doc) => {
        expect(truncateMarkdown(doc, Buffer.byteLength(doc), note)).toBe(doc);
      }),
    );
  });

  it('cuts at a line, within the limit in UTF-8 bytes, closing what it left open, then the note', () => {
    fc.assert(
      fc.property(markdownDoc, fc.integer({ min: 60, max: 2000 }), (doc, limit) => {
        fc.pre(Buffer.byteLength(doc) > limit);
        const cut = truncateMarkdown(doc, limit, note);
        expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(limit);
        expect(cut.endsWith(`\n\n${note}\n`)).toBe(true);
        const lines = cut.split('\n');
        expect(lines.filter((l) => /^```/.test(l)).length % 2).toBe(0);
        expect(lines.filter((l) => l.startsWith('<details>')).length).toBe(
          lines.filter((l) => l === '</details>').length,
        );
        const kept = cut
          .slice(0, -`\n\n${note}\n`.length)
          .replace(/(\n\n<\/details>)*$/, '')
          .replace(/\n`+$/, '');
        expect(kept === '' || doc.startsWith(`${kept}\n`)).toBe(true);
      }),
    );
  });

  it('closes an open fence before the open <details>', () => {
    const doc = `<details><summary>x</summary>\n\n\`\`\`diff\n${'+ /a: 1\n'.repeat(100)}\`\`\`\n\n</details>\n`;
    const cut = truncateMarkdown(doc, 200, 'NOTE');
    expect(cut).toMatch(/\+ \/a: 1\n```\n\n<\/details>\n\nNOTE\n$/);
  });
});
