/**
 * Usage-aware plans in the Action, as the runner runs it: the bundled Action
 * against the emulator, whose seeded usage GetLicenseUsage answers.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll } from '../helpers/cli.js';
import { ACME } from '../helpers/demo-world.js';
import { useActionWorld } from './action-world.js';
import { annotations } from './run-action.js';

const { world, action } = useActionWorld(() => undefined);
const { writes } = world;

describe('usage-aware plans', () => {
  const lowerSeats = async (seats: number) => {
    const file = join(world.repo.dir, 'licenses/acme-analytics-pro.json');
    const manifest = JSON.parse(await readFile(file, 'utf8'));
    manifest.Entitlements[0].MaxCount = seats;
    await writeFile(file, JSON.stringify(manifest, null, 2));
    await commitAll(world.repo.dir, `Acme: ${seats} seats`);
  };

  it('fails the plan on a MaxCount below what is consumed, with the consumed value in the summary', async () => {
    world.emulator.setUsage(ACME, { seats: 80 });
    await lowerSeats(50);
    const result = await action();
    expect(result.code).toBe(1);
    expect(result.summary).toContain('~ /Entitlements/seats/MaxCount: 100 → 50 (80 consumed)');
    expect(result.summary).toContain('(`IN_USE`)');
    expect(annotations(result.stdout)).toContainEqual(
      expect.stringMatching(
        /^::error file=licenses\/acme-analytics-pro\.json::.*80 consumed, above the new MaxCount 50/,
      ),
    );
  });

  it('applies it with the allow-in-use input', async () => {
    world.emulator.setUsage(ACME, { seats: 80 });
    await lowerSeats(50);
    const result = await action({ inputs: { command: 'apply', 'allow-in-use': 'true' } });
    expect(result.code, result.stdout).toBe(0);
    expect(writes().map((w) => w.licenseArn)).toContain(ACME);
  });
});
