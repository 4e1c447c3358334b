/** No AWS credentials: one error for the run, not one per license, and nothing sent. */
import { describe, expect, it } from 'vitest';
import { awsEnv, runCli } from '../helpers/cli.js';
import { useDemoWorld } from '../helpers/demo-world.js';

const world = useDemoWorld();

/** The test environment without any credentials (no keys, no profile files, no instance metadata). */
function noCredentials(): NodeJS.ProcessEnv {
  const env = awsEnv(world.emulator.url);
  delete env.AWS_ACCESS_KEY_ID;
  delete env.AWS_SECRET_ACCESS_KEY;
  return env;
}

const run = (...args: string[]) => runCli(args, { cwd: world.repo.dir, env: noCredentials() });
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('without AWS credentials', () => {
  it('plan reports it once and exits 1, with nothing sent', async () => {
    const result = await run('plan');
    expect(result.code).toBe(1);
    expect(count(result.stderr, 'no AWS credentials were found')).toBe(1);
    expect(result.stderr).not.toContain('arn:aws:license-manager');
    expect(world.emulator.calls).toHaveLength(0);
  });

  it('apply and the JSON plan carry a single NO_CREDENTIALS error', async () => {
    const applied = await run('apply');
    expect(applied.code).toBe(1);
    expect(count(applied.stderr, 'no AWS credentials were found')).toBe(1);
    const json = JSON.parse((await run('plan', '--json')).stdout);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toMatchObject({ code: 'NO_CREDENTIALS' });
    expect(world.writes()).toHaveLength(0);
  });
});
