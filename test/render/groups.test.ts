/**
 * Plans made against a base show the pull request's changes and drift apart, in
 * text and Markdown alike; narrowed plans say how much they cover.
 */
import { describe, expect, it } from 'vitest';
import { attributeCauses, causeOf } from '../../src/reconcile/cause.js';
import { licenseError } from '../../src/reconcile/errors.js';
import { summarize } from '../../src/reconcile/plan.js';
import type { LicenseStep, Plan, PlanStep } from '../../src/reconcile/types.js';
import { planJson } from '../../src/render/json.js';
import { planMarkdown } from '../../src/render/markdown.js';
import { renderPlan } from '../../src/render/text.js';
import { sampleDocument } from '../reconcile/sample.js';

const step = (file: string, action: PlanStep['action'], extra: Partial<LicenseStep> = {}): LicenseStep => ({
  file,
  licenseArn: `arn:aws:license-manager::123456789012:license:l-${file.length}`,
  action,
  sourceVersion: '3',
  desired: sampleDocument({ LicenseName: file }),
  observed: { Entitlements: { seats: { MaxCount: 100 } } },
  patch: action === 'update' ? [{ op: 'replace', path: '/Entitlements/seats/MaxCount', value: 250 }] : [],
  ...extra,
});

const mine = step('licenses/mine.json', 'update');
const drifted = step('licenses/drifted.json', 'update');
const same = step('licenses/same.json', 'noop');
const unreadable = step('licenses/unreadable.json', 'error', {
  error: licenseError('NOT_FOUND', 'license not found'),
});

describe('attributeCauses', () => {
  it('manifest when the manifest changed, drift for an update of an unchanged one, nothing otherwise', () => {
    const changed = new Set(['licenses/mine.json', 'licenses/same.json']);
    expect(attributeCauses([mine, drifted, same, unreadable], changed).map((s) => s.cause)).toStrictEqual([
      'manifest',
      'drift',
      'manifest',
      undefined,
    ]);
    expect(causeOf(unreadable, new Set(['licenses/unreadable.json']))).toBe('manifest');
    const created = step('licenses/new.json', 'create');
    const deleted = step('licenses/gone.json', 'delete');
    expect(causeOf(created, new Set(['licenses/new.json']))).toBe('manifest');
    expect(causeOf(deleted, new Set(['licenses/gone.json']))).toBe('manifest');
    expect(causeOf(created, new Set())).toBe('drift');
    expect(causeOf(deleted, new Set())).toBe('drift');
  });
});

function basedPlan(): Plan {
  const steps = attributeCauses([mine, drifted, same, unreadable], new Set(['licenses/mine.json']));
  return { steps, summary: summarize(steps), base: 'origin/main', removed: [{ file: 'licenses/gone.json' }] };
}

describe('a plan whose base had another configuration', () => {
  const bringsMine = { brings: (file: string) => file === 'licenses/mine.json' };
  const steps = attributeCauses([mine, drifted], new Set(), bringsMine);
  const plan: Plan = {
    steps,
    summary: summarize(steps),
    base: 'origin/main',
    configChange: { file: 'license-gitops.json', members: ['ignore'] },
  };

  it('attributes what the change brings to it, the rest to drift', () => {
    expect(steps.map((s) => s.cause)).toEqual(['config', 'drift']);
  });

  it('shows those writes, and the change, in the pull request group, in text and Markdown', () => {
    const text = renderPlan(plan);
    expect(text).toMatch(
      /Changed in this pull request:\n\n\* license-gitops\.json changes ignore\n\n~ licenses\/mine\.json/,
    );
    expect(text.indexOf('Drift outside git')).toBeLessThan(text.indexOf('~ licenses/drifted.json'));
    const markdown = planMarkdown(plan);
    const mineAt = markdown.indexOf('#### Changed in this pull request');
    const driftAt = markdown.indexOf('#### Drift outside git');
    expect(markdown.slice(mineAt, driftAt)).toContain('* license-gitops.json changes ignore');
    expect(markdown.slice(mineAt, driftAt)).toContain('mine.json');
    expect((planJson(plan) as { configChange: unknown }).configChange).toEqual(plan.configChange);
  });

  it('names a change that brings no write, under its own heading', () => {
    const quiet: Plan = {
      ...plan,
      steps: [],
      summary: summarize([]),
      configChange: { file: 'c.json', members: ['timeout'] },
    };
    expect(renderPlan(quiet)).toContain('Changed in this pull request:\n\n* c.json changes timeout');
  });
});

describe('a plan with a base', () => {
  it('text: the pull request group, then the drift group, then what has no cause', () => {
    const text = renderPlan(basedPlan());
    const at = (needle: string) => text.indexOf(needle);
    expect(at('Changed in this pull request:')).toBeLessThan(at('~ licenses/mine.json'));
    expect(at('~ licenses/mine.json')).toBeLessThan(at('- licenses/gone.json'));
    expect(at('- licenses/gone.json')).toBeLessThan(at('Drift outside git: merging will revert it:'));
    expect(at('Drift outside git: merging will revert it:')).toBeLessThan(at('~ licenses/drifted.json'));
    expect(at('~ licenses/drifted.json')).toBeLessThan(at('Not attributed'));
    expect(at('Not attributed')).toBeLessThan(at('! licenses/unreadable.json'));
  });

  it('Markdown: one heading and table per group', () => {
    const markdown = planMarkdown(basedPlan());
    const mineAt = markdown.indexOf('#### Changed in this pull request');
    const driftAt = markdown.indexOf('#### Drift outside git: merging will revert it');
    expect(mineAt).toBeGreaterThan(-1);
    expect(driftAt).toBeGreaterThan(mineAt);
    expect(markdown.slice(mineAt, driftAt)).toContain('mine.json');
    expect(markdown.slice(mineAt, driftAt)).not.toContain('drifted.json');
    expect(markdown.slice(driftAt)).toContain('drifted.json');
  });

  it('JSON: the base and each cause', () => {
    const json = planJson(basedPlan()) as { base: string; licenses: { file: string; cause?: string }[] };
    expect(json.base).toBe('origin/main');
    expect(json.licenses.map((l) => l.cause)).toStrictEqual(['manifest', 'drift', undefined, undefined]);
  });

  it('a plan without a base has no groups', () => {
    const steps = [mine, drifted];
    const text = renderPlan({ steps, summary: summarize(steps) });
    expect(text).not.toContain('Changed in this pull request');
    expect(text).not.toContain('Drift outside git');
  });
});

describe('a narrowed plan', () => {
  it('says how many licenses it planned, in text and Markdown', () => {
    const steps = [mine, same, same];
    const narrowed: Plan = { steps, summary: summarize(steps), scope: { planned: 3, total: 120 } };
    expect(renderPlan(narrowed)).toContain('Plan: 1 to update, 2 unchanged, 0 errors; planned 3 of 120 licenses');
    expect(planMarkdown(narrowed)).toContain('planned 3 of 120 licenses');
  });
});
