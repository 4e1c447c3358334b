/**
 * A saved plan's form is schemas/plan.schema.json: a well-formed plan reads
 * back as the plan written, and each kind of damage is refused with where it is.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/reconcile/plan.js';
import type { GrantStep, LicenseStep, Plan } from '../../src/reconcile/types.js';
import { planJson } from '../../src/render/json.js';
import { readSavedPlan } from '../../src/run/saved-plan.js';
import { sampleDocument } from '../reconcile/sample.js';

const ARN = 'arn:aws:license-manager::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const GRANT = 'arn:aws:license-manager::123456789012:grant:g-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const COMMIT = 'a'.repeat(40);

const update: LicenseStep = {
  file: 'licenses/acme.json',
  licenseArn: ARN,
  action: 'update',
  sourceVersion: '3',
  desired: sampleDocument({ LicenseArn: ARN }),
  observed: { LicenseName: 'Old' },
  patch: [{ op: 'replace', path: '/LicenseName', value: 'Acme' }],
};
const grant: GrantStep = {
  kind: 'grant',
  file: 'licenses/acme.json',
  licenseArn: ARN,
  action: 'delete',
  sourceVersion: '2',
  desired: sampleDocument({ LicenseArn: ARN }),
  patch: [],
  grant: { name: 'acme-prod', arn: GRANT, removed: true },
} as GrantStep;

function saved(steps = [update, grant] as Plan['steps']): any {
  const plan: Plan = { steps, summary: summarize(steps), commit: COMMIT };
  return JSON.parse(JSON.stringify(planJson(plan, { saved: true, ignore: ['/LicenseMetadata/X'], config: null })));
}
const read = (value: unknown) => readSavedPlan(JSON.stringify(value), 'plan.json');
const refusal = (value: unknown) => {
  const result = read(value);
  return result.ok ? 'accepted' : result.errors[0]!.message;
};

describe('a saved plan read back', () => {
  it('is the plan written: its steps, grants after their license, commit, ignore rules and configuration', () => {
    const result = read(saved());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.saved.plan.commit).toBe(COMMIT);
    expect(result.saved.plan.steps.map((s) => [s.kind ?? 'license', s.action])).toEqual([
      ['license', 'update'],
      ['grant', 'delete'],
    ]);
    expect(result.saved.ignore).toEqual(['/LicenseMetadata/X']);
    expect(result.saved.config).toBeNull();
  });

  it('refuses each kind of damage, saying where', () => {
    const plan = saved();
    const { sourceVersion: _v, ...unpinned } = plan.licenses[0];
    expect(refusal({ ...plan, licenses: [unpinned] })).toContain(
      "/licenses/0 must have required property 'sourceVersion'",
    );
    expect(refusal({ ...plan, commit: 'HEAD' })).toContain('is damaged: /commit must match pattern');
    expect(refusal({ ...plan, surprise: 1 })).toContain('must NOT have additional properties');
    expect(refusal({ ...plan, config: { file: 'license-gitops.json', blob: 'nope' } })).toContain('/config');
    const { licenseArn: _a, ...anonymous } = plan.licenses[0];
    expect(refusal({ ...plan, licenses: [anonymous] })).toContain("must have required property 'licenseArn'");
    const grantless = structuredClone(plan);
    delete grantless.licenses[0].grants[0].grant.arn;
    expect(refusal(grantless)).toContain("/licenses/0/grants/0/grant must have required property 'arn'");
    // Output names a step by its license and region: a document without them can't be shown.
    const nameless = structuredClone(plan);
    nameless.licenses[0].grants[0].desired = {};
    expect(refusal(nameless)).toContain("/licenses/0/grants/0/desired must have required property 'LicenseName'");
    const badOp = structuredClone(plan);
    badOp.licenses[0].patch[0].op = 'rm -rf';
    expect(refusal(badOp)).toContain('/licenses/0/patch/0/op must be equal to one of the allowed values');
    expect(refusal({ ...plan, scope: { planned: -1, total: 3 } })).toContain('/scope/planned must be >= 0');
  });

  it('keeps its plain refusals for what is no saved plan at all', () => {
    const { config: _c, ...older } = saved();
    expect(refusal(older)).toContain('records no configuration');
    expect(refusal({ ...saved(), formatVersion: 2 })).toContain('has formatVersion 2');
    expect(refusal({ formatVersion: 1 })).toContain('is not a saved plan');
  });
});
