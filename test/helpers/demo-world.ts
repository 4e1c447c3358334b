/**
 * The world most CLI tests run in: a fresh emulator seeded from demo/seed.json
 * (live licenses drifted from the example manifests) and a temporary git
 * repository holding those manifests, new for every test.
 */
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { readSeedFile, startEmulator, type CallRecord, type Emulator } from '../../src/emulator/index.js';
import { ROOT, awsEnv, runCli, tempRepo, type CliResult } from './cli.js';

export const ACME = 'arn:aws:license-manager::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const GLOBEX = 'arn:aws:license-manager::123456789012:license:l-1b2c3d4e5f60718293a4b5c6d7e8f90a';
export const INITECH = 'arn:aws:license-manager::123456789012:license:l-2c3d4e5f60718293a4b5c6d7e8f90a1b';

export interface DemoWorld {
  readonly emulator: Emulator;
  readonly repo: { dir: string; cleanup: () => Promise<void> };
  /** Runs the built CLI in the repository, pointed at the emulator. */
  cli(...args: string[]): Promise<CliResult>;
  /** The CreateLicenseVersion calls the emulator received. */
  writes(): CallRecord[];
}

/** Registers the per-test set-up and tear-down; call once at the top of a test file. */
export function useDemoWorld(): DemoWorld {
  let emulator: Emulator | undefined;
  let repo: DemoWorld['repo'] | undefined;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, seed: await readSeedFile(join(ROOT, 'demo/seed.json')) });
    repo = await tempRepo();
  });
  afterEach(async () => {
    await emulator?.close();
    await repo?.cleanup();
  });
  const world: DemoWorld = {
    get emulator() {
      return emulator!;
    },
    get repo() {
      return repo!;
    },
    cli: (...args) => runCli(args, { cwd: world.repo.dir, env: awsEnv(world.emulator.url) }),
    writes: () => world.emulator.calls.filter((c) => c.operation === 'CreateLicenseVersion'),
  };
  return world;
}

/** The ARNs the calls read (GetLicense's LicenseArn, ListLicenses' LicenseArns), each with the region asked. */
export function readArns(calls: readonly CallRecord[]): Array<[string, string]> {
  return calls.flatMap((c): Array<[string, string]> => {
    if (c.operation === 'GetLicense' && c.licenseArn) return [[c.licenseArn, c.region]];
    if (c.operation === 'ListLicenses') return (c.licenseArns ?? []).map((arn): [string, string] => [arn, c.region]);
    return [];
  });
}
