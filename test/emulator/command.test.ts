import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createServer, type AddressInfo } from 'node:net';
import { runEmulator } from '../../src/commands/emulator.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('runEmulator', () => {
  it('prints where it listens with the license count, hints on stderr, serves, and stops when asked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-cmd-'));
    const seed = join(dir, 'seed.json');
    const arn = (i: number) => `arn:aws:license-manager::123456789012:license:l-${String(i).padStart(32, '0')}`;
    await writeFile(
      seed,
      JSON.stringify([
        { LicenseArn: arn(1), HomeRegion: 'us-east-1' },
        { LicenseArn: arn(2), HomeRegion: 'us-east-1' },
      ]),
    );
    const stdout = capture();
    const stderr = capture();
    const stop = new AbortController();
    const running = runEmulator({ port: 0, seed }, { stdout: stdout.stream, stderr: stderr.stream, stop: stop.signal });
    await until(() => stdout.text().includes('\n'));

    const match = /^license-gitops emulator listening on (http:\/\/127\.0\.0\.1:(\d+)) \(2 licenses\)\n$/.exec(
      stdout.text(),
    );
    expect(match).not.toBeNull();
    const url = match?.[1] as string;
    expect(stderr.text()).toContain(`AWS_ENDPOINT_URL=${url}`);

    const answer = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'x', 'x-amz-target': 'AWSLicenseManager.ListLicenses' },
      body: '{}',
    });
    expect(((await answer.json()) as { Licenses: unknown[] }).Licenses).toHaveLength(2);

    stop.abort();
    await running;
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(stderr.text()).toContain('stopped');
  });

  it('stops on SIGTERM and resolves (the caller exits 0)', async () => {
    const stdout = capture();
    const stderr = capture();
    const listenersBefore = process.listenerCount('SIGTERM');
    const running = runEmulator({ port: 0 }, { stdout: stdout.stream, stderr: stderr.stream });
    await until(() => stdout.text().includes('(0 licenses)'));
    expect(stdout.text()).toContain('(0 licenses)');
    process.emit('SIGTERM');
    await running;
    expect(stderr.text()).toContain('stopped (SIGTERM)');
    expect(process.listenerCount('SIGTERM')).toBe(listenersBefore);
  });

  it('fails in one line, with the seed file path, when the seed is bad', async () => {
    const stderr = capture();
    const io = { stdout: capture().stream, stderr: stderr.stream };
    expect(await runEmulator({ port: 0, seed: '/nonexistent/seed.json' }, io)).toBe(1);
    expect(stderr.text()).toMatch(/^error: \/nonexistent\/seed.json: cannot read the seed file \(ENOENT\)\n$/);
  });

  it('says a port in use is in use, not an internal error', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    const stderr = capture();
    try {
      expect(await runEmulator({ port }, { stdout: capture().stream, stderr: stderr.stream })).toBe(1);
    } finally {
      busy.close();
    }
    expect(stderr.text()).toBe(`error: port ${port} is in use; pick another (--port 0 picks a free one)\n`);
  });
});
