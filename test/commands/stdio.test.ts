/**
 * A reader that goes away (`| head`) ends a command's output quietly: no
 * crash, no stack trace, the exit code and stderr untouched.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** A child writing `megabytes` through quietOutput(process.stdout) to a reader that leaves after `leaveAfterMs`. */
async function writeToLeavingReader(options: { megabytes: number; leaveAfterMs: number; quiet: boolean }) {
  const module = pathToFileURL(join(ROOT, 'lib', 'commands', 'stdio.js')).href;
  const script = `
    const { quietOutput } = await import(${JSON.stringify(module)});
    const out = ${options.quiet ? 'quietOutput(process.stdout)' : 'process.stdout'};
    await new Promise((r) => setTimeout(r, 100));
    for (let i = 0; i < ${options.megabytes * 1024}; i++) out.write('x'.repeat(1023) + '\\n');
    process.stderr.write('done\\n');`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.pause();
  setTimeout(() => child.stdout.destroy(), options.leaveAfterMs);
  const code = await new Promise((resolve) => child.on('close', resolve));
  return { code, stderr };
}

describe('quietOutput', () => {
  it('ends quietly when the reader has gone before the first write (EPIPE)', async () => {
    expect(await writeToLeavingReader({ megabytes: 2, leaveAfterMs: 0, quiet: true })).toEqual({
      code: 0,
      stderr: 'done\n',
    });
  });

  it('ends as quietly when the reader leaves while the pipe is full', async () => {
    expect(await writeToLeavingReader({ megabytes: 20, leaveAfterMs: 400, quiet: true })).toEqual({
      code: 0,
      stderr: 'done\n',
    });
  });

  it('is needed: a bare stream crashes on the same reader', async () => {
    const bare = await writeToLeavingReader({ megabytes: 2, leaveAfterMs: 0, quiet: false });
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toContain('EPIPE');
  });
});
