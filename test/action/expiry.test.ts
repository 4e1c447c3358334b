/**
 * The expiry warning in the Action, as the runner runs it: the job summary's
 * table and Mermaid chart, the `expiring` output, and fail-on-expiring.
 */
import { describe, expect, it } from 'vitest';
import { useActionWorld } from './action-world.js';

const { action } = useActionWorld(() => undefined);
const DECEMBER = { LICENSE_GITOPS_NOW: '2026-12-10T00:00:00Z' };

describe('expiry warnings', () => {
  it('shows the licenses ending within the warning as a table and a gantt chart in the summary', async () => {
    const result = await action({ env: DECEMBER });
    expect(result.code).toBe(0);
    expect(result.outputs['expiring']).toBe('2');
    expect(result.summary).toContain('#### Expiring within 30 days');
    expect(result.summary).toContain('| 2026-12-31 | in 21 days | arn:aws:iam::456789012345:root |');
    expect(result.summary).toMatch(/```mermaid\ngantt\n/);
    expect(result.summary).toContain('    Acme Analytics Pro :2026-12-10, 2027-01-01');
  });

  it('fails the step with fail-on-expiring, and the expiry-warning input narrows the window', async () => {
    const failing = await action({ env: DECEMBER, inputs: { 'fail-on-expiring': 'true' } });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('::error::2 licenses end within 30 days (--fail-on-expiring)');
    const narrow = await action({ env: DECEMBER, inputs: { 'fail-on-expiring': 'true', 'expiry-warning': '7' } });
    expect(narrow.code).toBe(0);
    expect(narrow.outputs['expiring']).toBe('0');
  });
});
