/**
 * Ignored means untouched, end to end: the CLI against the emulator. Live
 * metadata the manifests don't hold (LastAudit, written by another system)
 * survives an apply that changes something else.
 */
import { describe, expect, it } from 'vitest';
import { ACME, useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();

/** Live Acme gets a LastAudit entry no manifest holds (the seed's version 3 stays the pin). */
function auditLive(): void {
  const live = world.emulator.store.get(ACME)!;
  const metadata = [...((live.LicenseMetadata as unknown[]) ?? []), { Name: 'LastAudit', Value: '2026-11-01' }];
  world.emulator.addLicenses([{ ...live, LicenseMetadata: metadata } as never]);
}

const metadataOf = (license: Record<string, unknown> | undefined) =>
  Object.fromEntries(
    ((license?.LicenseMetadata as { Name: string; Value: string }[]) ?? []).map((m) => [m.Name, m.Value]),
  );

describe('--ignore keeps the live value', () => {
  it('apply writes the MaxCount change and keeps LastAudit as it is live', async () => {
    auditLive();
    const planned = await world.cli('plan', '--ignore', '/LicenseMetadata/LastAudit');
    expect(planned.stdout).toContain('~ /Entitlements/seats/MaxCount: 100 → 250');
    expect(planned.stdout).not.toContain('LastAudit');

    const applied = await world.cli('apply', '--ignore', '/LicenseMetadata/LastAudit');
    expect(applied.code).toBe(0);
    const written = world.emulator.store.get(ACME)!;
    expect(metadataOf(written)).toEqual({ Customer: 'Acme Corp', Tier: 'enterprise', LastAudit: '2026-11-01' });
    const seats = (written.Entitlements as { Name: string; MaxCount?: number }[]).find((e) => e.Name === 'seats');
    expect(seats?.MaxCount).toBe(250);

    const again = await world.cli('plan', '--detailed-exitcode', '--ignore', '/LicenseMetadata/LastAudit');
    expect(again.code).toBe(0);
    // Without the rule, the plan shows that LastAudit is live only (and would remove it).
    const strict = await world.cli('plan');
    expect(strict.stdout).toContain('- /LicenseMetadata/LastAudit: {"Value":"2026-11-01"}');
  });

  it('a saved plan carries the live value too, so applying it keeps LastAudit', async () => {
    auditLive();
    const saved = await world.cli('plan', '--out', 'plan.json', '--ignore', '/LicenseMetadata/LastAudit');
    expect(saved.code).toBe(0);
    const applied = await world.cli('apply', 'plan.json');
    expect(applied.code).toBe(0);
    expect(metadataOf(world.emulator.store.get(ACME))).toHaveProperty('LastAudit', '2026-11-01');
  });
});
