/**
 * Commands write standard output and error straight to the descriptor; a
 * reader that went away ends the output quietly, and a descriptor that can't be
 * written directly hands the rest to Node's stream, in order.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fdOutput } from '../../src/commands/stdio.js';
import { ROOT } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'license-gitops-stdio-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for process.stdout that records what it is given. */
function recordingStream(): { stream: NodeJS.WriteStream; written: string[] } {
  const written: string[] = [];
  const stream = {
    isTTY: false,
    on: () => stream,
    write: (chunk: string | Uint8Array) => written.push(String(chunk)) > 0,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, written };
}

describe('fdOutput', () => {
  it('writes every byte of each string, in order, without touching the stream', () => {
    const file = join(dir, 'out.txt');
    const fd = openSync(file, 'w');
    let asked = false;
    const out = fdOutput(fd, () => {
      asked = true;
      return recordingStream().stream;
    });
    const big = 'é'.repeat(300_000);
    out.write('first\n');
    out.write(big);
    out.write('\nlast\n');
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`first\n${big}\nlast\n`);
    expect(asked).toBe(false);
  });

  it("hands this and every later write to the stream when the descriptor can't be written", () => {
    const fd = openSync(join(dir, 'closed.txt'), 'w');
    closeSync(fd);
    const { stream, written } = recordingStream();
    const out = fdOutput(fd, () => stream);
    out.write('a');
    out.write('b');
    expect(written).toEqual(['a', 'b']);
  });

  it('asks the stream whether it is a terminal only when asked', () => {
    const { stream } = recordingStream();
    let asked = 0;
    const out = fdOutput(1, () => {
      asked += 1;
      return stream;
    });
    expect(asked).toBe(0);
    expect(out.isTTY).toBe(false);
    expect(asked).toBe(1);
  });

  /** A child writing `megabytes` through fdOutput(1) to a reader that leaves after `leaveAfterMs`. */
  async function writeToLeavingReader(options: { askTty: boolean; megabytes: number; leaveAfterMs: number }) {
    const module = pathToFileURL(join(ROOT, 'lib', 'commands', 'stdio.js')).href;
    const script = `
      const { fdOutput } = await import(${JSON.stringify(module)});
      const out = fdOutput(1, () => process.stdout);
      ${options.askTty ? 'void out.isTTY;' : ''}
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

  it('ends quietly when the reader has gone (EPIPE), exit code and stderr untouched', async () => {
    expect(await writeToLeavingReader({ askTty: false, megabytes: 2, leaveAfterMs: 0 })).toEqual({
      code: 0,
      stderr: 'done\n',
    });
  });

  it('ends as quietly when the pipe filled first and the stream took over (EAGAIN, then EPIPE)', async () => {
    // Asking isTTY creates process.stdout, which makes the pipe non-blocking; a reader that doesn't read fills it.
    expect(await writeToLeavingReader({ askTty: true, megabytes: 20, leaveAfterMs: 400 })).toEqual({
      code: 0,
      stderr: 'done\n',
    });
  });
});
