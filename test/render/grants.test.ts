/** Grant steps in every renderer: text, JSON and the Action's Markdown. */
import { describe, expect, it } from 'vitest';
import { planGrants } from '../../src/reconcile/grant-plan.js';
import { buildPlan, summarize } from '../../src/reconcile/plan.js';
import type { LicenseDocument, LicenseStep, LiveGrant, Plan } from '../../src/reconcile/types.js';
import { planJson } from '../../src/render/json.js';
import { planMarkdown } from '../../src/render/markdown.js';
import { renderPlan } from '../../src/render/text.js';

const LICENSE = 'arn:aws:license-manager::123456789012:license:l-11111111111111111111111111111111';
const GRANT = 'arn:aws:license-manager::123456789012:grant:g-22222222222222222222222222222222';
const OLD = 'arn:aws:license-manager::123456789012:grant:g-33333333333333333333333333333333';

const document: LicenseDocument = {
  LicenseArn: LICENSE,
  LicenseName: 'Acme Analytics Pro',
  ProductName: 'Product',
  Issuer: { Name: 'Example Software Inc.' },
  HomeRegion: 'us-east-1',
  Validity: { Begin: '2026-01-01T00:00:00Z' },
  Entitlements: [{ Name: 'seats', Unit: 'Count', MaxCount: 250 }],
  ConsumptionConfiguration: { RenewType: 'Monthly' },
  Status: 'AVAILABLE',
  Grants: [
    {
      GrantName: 'acme-prod',
      GrantArn: GRANT,
      Principals: ['arn:aws:iam::111122223333:root'],
      AllowedOperations: ['CheckoutLicense', 'CreateToken'],
    },
    { GrantName: 'acme-staging', Principals: ['arn:aws:iam::444455556666:root'], AllowedOperations: ['CreateToken'] },
  ],
};

const live = (overrides: Partial<LiveGrant>): LiveGrant => ({
  LicenseArn: LICENSE,
  ParentArn: LICENSE,
  HomeRegion: 'us-east-1',
  GranteePrincipalArn: 'arn:aws:iam::111122223333:root',
  GrantStatus: 'ACTIVE',
  Version: '2',
  GrantedOperations: ['CheckoutLicense'],
  ...overrides,
});

function grantPlan(prune: boolean): Plan {
  const license = {
    ...document,
    Version: '3',
    ProductSKU: 'sku',
    Beneficiary: 'b',
    CreateTime: '2026-01-01T00:00:00Z',
  };
  const [step] = buildPlan([{ manifest: { file: 'licenses/acme.json', document }, read: { ok: true, license } }], {
    prune,
  }).steps as [LicenseStep];
  const grants = planGrants(
    step,
    {
      ok: true,
      grants: [
        live({ GrantArn: GRANT, GrantName: 'acme-prod', GrantStatus: 'PENDING_ACCEPT', Version: '1' }),
        live({ GrantArn: OLD, GrantName: 'acme-old' }),
      ],
    },
    { prune },
  );
  const steps = [step, ...grants];
  return { steps, summary: summarize(steps) };
}

describe('grant steps', () => {
  it('read as blocks under their license in the text plan', () => {
    const text = renderPlan(grantPlan(true));
    expect(text).toContain(
      [
        '~ licenses/acme.json: grant acme-prod',
        `    ${GRANT} (pinned to version 1)`,
        '    note: pending acceptance by 111122223333',
        '    ~ /Grants/acme-prod/AllowedOperations: ["CheckoutLicense"] → ["CheckoutLicense","CreateToken"]',
      ].join('\n'),
    );
    expect(text).toContain(
      '+ licenses/acme.json: grant acme-staging\n    CreateGrant of the license to arn:aws:iam::444455556666:root in us-east-1',
    );
    expect(text).toContain(
      `- licenses/acme.json: grant acme-old\n    ${OLD} (pinned to version 2)\n    not in the manifest: DeleteGrant (--prune)\n    note: accepted by 111122223333`,
    );
    expect(text).toContain(
      'Plan: 1 to create, 1 to update, 1 to delete, 1 unchanged, 0 errors (grants among them: 1 to create, 1 to update, 1 to delete).',
    );
  });

  it('are left alone without --prune, and say so', () => {
    const text = renderPlan(grantPlan(false));
    expect(text).toContain(
      '# licenses/acme.json: grant acme-old\n    note: not in the manifest: left alone (accepted by 111122223333)',
    );
  });

  it('are under their license in the JSON plan, so `licenses` holds licenses only', () => {
    type Entry = { licenseArn: string; grants: Array<Record<string, unknown>> };
    const json = planJson(grantPlan(true)) as { licenses: Entry[] };
    expect(json.licenses).toHaveLength(1);
    expect(json.licenses[0]?.licenseArn).toBe(LICENSE);
    expect(json.licenses[0]?.grants.map((g) => [g.grantName, g.action, g.sourceVersion])).toEqual([
      ['acme-prod', 'update', '1'],
      ['acme-staging', 'create', undefined],
      ['acme-old', 'delete', '2'],
    ]);
  });

  it('are rows and collapsible diffs in the Markdown plan', () => {
    const markdown = planMarkdown(grantPlan(true));
    expect(markdown).toContain(
      '| `~` | <code>licenses/acme.json</code> | Acme Analytics Pro: grant acme-prod | 1 | 1 change |',
    );
    expect(markdown).toContain(
      '~ /Grants/acme-prod/AllowedOperations: ["CheckoutLicense"] → ["CheckoutLicense","CreateToken"]',
    );
    expect(markdown).toContain('<summary><code>licenses/acme.json grant acme-prod</code>: 1 change</summary>');
    expect(markdown).toContain(`<code>${GRANT}</code>, pinned to version 1; pending acceptance by 111122223333`);
  });
});
