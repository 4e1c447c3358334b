/** How creates, deletes, adoptions and notes read in the text plan, the apply lines and the JSON plan. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/reconcile/plan.js';
import { summarizeOutcomes, type ApplyResult } from '../../src/reconcile/outcome.js';
import type { LiveLicense } from '../../src/reconcile/types.js';
import { planJson } from '../../src/render/json.js';
import { applyMarkdown, planMarkdown } from '../../src/render/markdown.js';
import { renderApply, renderPlan } from '../../src/render/text.js';
import { SAMPLE_ARN, sampleDocument } from '../reconcile/sample.js';

const fresh = sampleDocument({ ProductSKU: 'SKU-1', Beneficiary: 'arn:aws:iam::111122223333:root' });
delete fresh.LicenseArn;
const live: LiveLicense = { ...structuredClone(fresh), LicenseArn: SAMPLE_ARN, Version: '4' };
const plan = buildPlan(
  [
    { manifest: { file: 'licenses/new.json', document: fresh }, read: undefined },
    { manifest: { file: 'licenses/found.json', document: fresh }, read: { ok: true, license: live }, adopted: true },
  ],
  {},
  [
    {
      file: 'licenses/old.json',
      licenseArn: `${SAMPLE_ARN}0`,
      read: { ok: true, license: { ...live, Version: '9' } },
      document: fresh,
      activeGrants: 0,
    },
  ],
);

describe('text plan', () => {
  it('shows + create, an adoption and - delete, and counts them', () => {
    const text = renderPlan(plan);
    expect(text).toContain(
      '+ licenses/new.json\n    a new license in us-east-1 (CreateLicense); apply writes its LicenseArn into the manifest\n    + /Beneficiary: "arn:aws:iam::111122223333:root"\n    + /ConsumptionConfiguration:',
    );
    expect(text).toContain(
      `~ licenses/found.json\n    ${SAMPLE_ARN}: created by license-gitops from this manifest, but its ARN never reached git; adopted`,
    );
    expect(text).toContain(
      `- licenses/old.json\n    ${SAMPLE_ARN}0 (pinned to version 9)\n    its manifest is gone: DeleteLicense "Seats" in us-east-1; no active grants`,
    );
    expect(text).toMatch(
      /Plan: 1 to create, 0 to update, 1 to delete, 1 unchanged, 0 errors, 1 adopted \(ARN to record\)\.\n$/,
    );
  });

  it('leaves counts of nothing to create or delete out, as before', () => {
    expect(renderPlan(buildPlan([]))).toContain('Plan: 0 to update, 0 unchanged, 0 errors.');
  });
});

describe('JSON plan', () => {
  it('has action create without a licenseArn, adopted, and the delete with its pin and grants', () => {
    const json = planJson(plan) as { licenses: Record<string, unknown>[]; summary: object };
    expect(json.licenses[0]).not.toHaveProperty('licenseArn');
    expect(json.licenses[0]).toMatchObject({ action: 'create', file: 'licenses/new.json' });
    expect(json.licenses[1]).toMatchObject({ action: 'noop', adopted: true, licenseArn: SAMPLE_ARN });
    expect(json.licenses[2]).toMatchObject({ action: 'delete', sourceVersion: '9', activeGrants: 0 });
    expect(json.summary).toEqual({ create: 1, update: 0, delete: 1, noop: 1, error: 0 });
  });
});

describe('apply lines and Markdown', () => {
  const results: ApplyResult[] = [
    {
      step: plan.steps[0]!,
      outcome: 'created',
      newVersion: '1',
      recorded: { arn: `${SAMPLE_ARN}5`, file: 'licenses/new.json', pointer: '/LicenseArn' },
    },
    {
      step: plan.steps[1]!,
      outcome: 'unchanged',
      recorded: { arn: SAMPLE_ARN, file: 'licenses/found.json', pointer: '/LicenseArn' },
    },
    { step: plan.steps[2]!, outcome: 'deleted' },
  ];
  const summary = summarizeOutcomes(results);

  it('says what was created, recorded and deleted', () => {
    const text = renderApply(results, summary);
    expect(text).toContain(`created    licenses/new.json    ${SAMPLE_ARN}5; LicenseArn written to licenses/new.json`);
    expect(text).toContain('unchanged  licenses/found.json  LicenseArn written to licenses/found.json');
    expect(text).toContain(`deleted    licenses/old.json    ${SAMPLE_ARN}0 (was version 9)`);
    expect(text).toContain('Apply: 1 created, 0 updated, 1 deleted, 1 unchanged, 0 conflict, 0 failed, 0 skipped.');
  });

  it('puts + and - rows in the plan table and lists every attempted license in the apply table', () => {
    const md = planMarkdown(plan);
    expect(md).toContain('| `+` | <code>licenses/new.json</code> | Seats |  | create in us-east-1: 11 changes |');
    expect(md).toMatch(/\| `-` \| <code>licenses\/old.json<\/code> \| Seats \| 9 \| its manifest is gone/);
    const applied = applyMarkdown(plan, results, summary);
    expect(applied).toContain('✅ created');
    expect(applied).toContain('🗑️ deleted');
    expect(applied).toContain('ARN written to the manifest');
  });
});
