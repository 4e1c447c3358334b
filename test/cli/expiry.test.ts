/**
 * Expiry ahead of time, end to end: the built CLI in a temporary git repository
 * and the emulator over HTTP, measured from a fixed instant (LICENSE_GITOPS_NOW).
 * The demo's licenses end 2026-12-31 (Initech), 2027-01-01 (Acme) and 2028 (Globex).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { awsEnv, commitAll, runCli } from '../helpers/cli.js';
import { useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();

const at =
  (now: string) =>
  (...args: string[]) =>
    runCli(args, { cwd: world.repo.dir, env: { ...awsEnv(world.emulator.url), LICENSE_GITOPS_NOW: now } });

describe('expiry warnings', () => {
  it('lists the licenses ending within 30 days in validate, soonest first, with the customer and the date', async () => {
    const out = await at('2026-12-10T00:00:00Z')('validate');
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    const start = lines.indexOf('Expiring within 30 days (soonest first):');
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toMatch(
      /^ {2}2026-12-31 {2}in 21 days +Initech Premium Support .*licenses\/initech-support\.json$/,
    );
    expect(lines[start + 2]).toMatch(/2027-01-01 {2}in 22 days/);
    expect(lines.slice(start).join('\n')).not.toContain('globex');
  });

  it('lists none outside the window, and --expiry-warning widens or narrows it', async () => {
    expect((await at('2026-06-01T00:00:00Z')('validate')).stdout).not.toContain('Expiring');
    expect((await at('2026-06-01T00:00:00Z')('validate', '--expiry-warning', '365')).stdout).toContain(
      'Expiring within 365 days',
    );
    expect((await at('2026-12-10T00:00:00Z')('validate', '--expiry-warning', '0')).stdout).not.toContain('Expiring');
    expect((await at('2026-12-10T00:00:00Z')('validate', '--expiry-warning', '-1')).code).toBe(1);
  });

  it('fails with --fail-on-expiring, for a scheduled check, and not when nothing ends', async () => {
    const failing = await at('2026-12-10T00:00:00Z')('plan', '--fail-on-expiring');
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('2 licenses end within 30 days (--fail-on-expiring)');
    expect((await at('2026-06-01T00:00:00Z')('plan', '--fail-on-expiring')).code).toBe(0);
    expect((await at('2026-12-10T00:00:00Z')('validate', '--fail-on-expiring')).code).toBe(1);
  });

  it('puts them in the JSON plan, with the live Beneficiary for a manifest that leaves it out', async () => {
    const plan = JSON.parse((await at('2026-12-10T00:00:00Z')('plan', '--json')).stdout);
    expect(plan.expiry.days).toBe(30);
    expect(plan.expiry.licenses.map((l: { file: string }) => l.file)).toEqual([
      'licenses/initech-support.json',
      'licenses/acme-analytics-pro.json',
    ]);
    expect(plan.expiry.licenses[0]).toMatchObject({
      end: '2026-12-31T23:59:59.000Z',
      daysLeft: 21,
      beneficiary: 'arn:aws:iam::456789012345:root',
    });
  });

  it('takes the warning from the configuration file, and a renewed license leaves the list', async () => {
    await writeFile(join(world.repo.dir, 'license-gitops.json'), '{ "expiryWarning": 7 }\n');
    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.Validity.End = '2028-01-01T00:00:00Z';
    await writeFile(file, JSON.stringify(doc, null, 2));
    await commitAll(world.repo.dir, 'renew Acme; a week of warning');
    const out = await at('2026-12-28T00:00:00Z')('plan', '--json');
    const files = JSON.parse(out.stdout).expiry.licenses.map((l: { file: string }) => l.file);
    expect(files).toEqual(['licenses/initech-support.json']);
  });

  it('refuses a LICENSE_GITOPS_NOW that is not an instant, or not a day of the calendar', async () => {
    for (const now of ['next tuesday', '2027-02-30T00:00:00Z', '2026-13-01']) {
      const out = await at(now)('validate');
      expect(out.code, now).toBe(1);
      expect(out.stderr).toContain('LICENSE_GITOPS_NOW must be an ISO 8601 date or instant');
    }
  });

  it('refuses --expiry-warning without a number, rather than taking the default', async () => {
    const out = await at('2026-12-20T00:00:00Z')('validate', '--expiry-warning');
    expect(out.code).toBe(1);
    expect(out.stderr).toContain('Not enough arguments following: expiry-warning');
  });
});
