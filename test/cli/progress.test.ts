/** Progress of long runs on stderr: a counter on a terminal, a line every few seconds in a log. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { progressReporter } from '../../src/commands/progress.js';
import { readSeedFile, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { ROOT, awsEnv, runCli, tempRepo } from '../helpers/cli.js';

function fakeClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

describe('progressReporter', () => {
  it('prints nothing for a short run', () => {
    const out: string[] = [];
    const clock = fakeClock();
    const progress = progressReporter((t) => out.push(t), { tty: false, now: clock.now });
    for (let done = 1; done <= 3; done++) {
      clock.advance(1000);
      progress.update({ phase: 'read', done, total: 3 });
    }
    progress.end();
    expect(out).toStrictEqual([]);
  });

  it('prints a line every few seconds in a log', () => {
    const out: string[] = [];
    const clock = fakeClock();
    const progress = progressReporter((t) => out.push(t), { tty: false, now: clock.now });
    for (let done = 1; done <= 12; done++) {
      clock.advance(1000);
      progress.update({ phase: 'read', done, total: 12 });
    }
    progress.end();
    expect(out).toStrictEqual([
      'progress: reading licenses, 5 of 12 done (41%)\n',
      'progress: reading licenses, 10 of 12 done (83%)\n',
    ]);
  });

  it('rewrites a counter in place on a terminal, then clears it', () => {
    const out: string[] = [];
    const clock = fakeClock();
    const progress = progressReporter((t) => out.push(t), { tty: true, now: clock.now });
    clock.advance(500);
    progress.update({ phase: 'write', done: 1, total: 3 });
    clock.advance(600);
    progress.update({ phase: 'write', done: 2, total: 3 });
    clock.advance(10);
    progress.update({ phase: 'write', done: 3, total: 3 });
    progress.end();
    expect(out).toStrictEqual(['\r\x1b[Kwriting new versions: 2/3', '\r\x1b[Kwriting new versions: 3/3', '\r\x1b[K']);
  });
});

describe('a long plan in CI', () => {
  let emulator: Emulator | undefined;
  afterEach(() => emulator?.close());

  it('prints progress lines on stderr and the plan on stdout', async () => {
    emulator = await startEmulator({ seed: await readSeedFile(join(ROOT, 'demo/seed.json')), latencyMs: 2200 });
    const repo = await tempRepo();
    try {
      const result = await runCli(['plan', '--concurrency', '1'], { cwd: repo.dir, env: awsEnv(emulator.url) });
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/^progress: reading licenses, [23] of 3 done \(\d+%\)$/m);
      expect(result.stdout).not.toContain('progress');
      expect(result.stdout).toContain('Plan: 2 to update');
    } finally {
      await repo.cleanup();
    }
  }, 20_000);
});
