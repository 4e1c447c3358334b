/** A template's change fanning out: which licenses count for it, and how the plan says so in text and Markdown. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/reconcile/plan.js';
import { templateFanOut, withTemplateUsers } from '../../src/reconcile/template-fan-out.js';
import type { LiveLicense, Manifest } from '../../src/reconcile/types.js';
import { planMarkdown } from '../../src/render/markdown.js';
import { renderPlan } from '../../src/render/text.js';
import { SAMPLE_ARN, sampleDocument } from './sample.js';

const TEMPLATE = 'licenses/products/pro.json';
const doc = sampleDocument();
const live: LiveLicense = { ...structuredClone(doc), Version: '2' };

function manifest(file: string, change: Record<string, unknown>, template?: string): Manifest {
  return {
    file,
    document: { ...sampleDocument(change), LicenseArn: `${SAMPLE_ARN}${file.length}` },
    ...(template ? { template } : {}),
  };
}

const manifests = [
  manifest('licenses/a.json', { ProductName: 'New name' }, TEMPLATE),
  manifest('licenses/bb.json', { ProductName: 'New name' }, TEMPLATE),
  // Rendered from the template, but its write touches only its own LicenseName.
  manifest('licenses/ccc.json', { LicenseName: 'Renamed' }, TEMPLATE),
  manifest('licenses/dddd.json', { ProductName: 'New name' }),
];
const plan = buildPlan(
  manifests.map((m) => ({
    manifest: m,
    read: { ok: true, license: { ...live, LicenseArn: m.document.LicenseArn } },
  })),
  {},
);
const templates = [{ file: TEMPLATE, document: { ProductName: 'New name' } }];

describe('templateFanOut', () => {
  it('counts the licenses of a template whose write touches a member the template sets', () => {
    expect(templateFanOut(plan.steps, manifests, templates)).toEqual([{ file: TEMPLATE, licenses: 2 }]);
  });

  it('counts nothing when no license of a template changes', () => {
    const unchanged = buildPlan(
      manifests.map((m) => ({ manifest: m, read: { ok: true, license: { ...m.document, Version: '1' } } })),
      {},
    );
    expect(templateFanOut(unchanged.steps, manifests, templates)).toEqual([]);
  });

  it('treats a changed template as a change of every manifest that names it', () => {
    expect([...withTemplateUsers(new Set([TEMPLATE]), manifests)].sort()).toEqual(
      [TEMPLATE, 'licenses/a.json', 'licenses/bb.json', 'licenses/ccc.json'].sort(),
    );
  });
});

describe('the fan-out line', () => {
  const fanned = { ...plan, templates: [{ file: 'licenses/products/`x`|y.json', licenses: 212 }] };
  it('comes before the licenses in the text plan', () => {
    const text = renderPlan(fanned);
    expect(text).toContain('licenses/products/`x`|y.json changes 212 licenses');
    expect(text.indexOf('changes 212 licenses')).toBeLessThan(text.indexOf('~ licenses/a.json'));
  });
  it('is a list item in Markdown, the path as code with its backticks and pipes escaped', () => {
    const markdown = planMarkdown(fanned);
    expect(markdown).toContain('- <code>licenses/products/&#96;x&#96;&#124;y.json</code> changes 212 licenses\n\n');
  });
});
