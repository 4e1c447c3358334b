/**
 * Service replies are hostile too: a body that drips must not outlive
 * --timeout, a body too large is abandoned, and an error echoing the signed
 * request (as AWS does for InvalidSignatureException) never puts the session
 * token, the signature or the canonical request into any output; a listed
 * license's odd HomeRegion is escaped by orphans.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { awsEnv, runCli, tempRepo } from '../helpers/cli.js';
import { drip, startStub, type StubServer } from '../helpers/stub-server.js';

const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE-SESSION-TOKEN-do-not-print-0123456789abcdefABCDEF';

let repo: { dir: string; cleanup: () => Promise<void> };
let stub: StubServer | undefined;
beforeEach(async () => {
  repo = await tempRepo();
});
afterEach(async () => {
  await stub?.close();
  stub = undefined;
  await repo.cleanup();
});

const cli = (...args: string[]) =>
  runCli(args, { cwd: repo.dir, env: { ...awsEnv(stub!.url), AWS_SESSION_TOKEN: SESSION_TOKEN } });

describe('--timeout bounds the whole attempt', () => {
  it('abandons a reply that drips, body included', async () => {
    stub = await startStub(drip(200));
    const started = Date.now();
    const result = await cli('plan', '--timeout', '1', '--max-attempts', '1', '--concurrency', '3');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('TimeoutError');
    expect(result.stdout).toContain('--timeout 1s');
    expect(Date.now() - started).toBeLessThan(15_000); // without the bound it runs until the server stops
  });

  it('refuses a value above the longest timer Node.js can set', async () => {
    stub = await startStub(drip());
    const result = await cli('plan', '--timeout', '3000000');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--timeout must be at most 2147483 seconds');
    expect(stub.requests).toHaveLength(0);
  });
});

describe('replies over the size limit', () => {
  it('are abandoned as errors, not buffered', async () => {
    stub = await startStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64) res.once('drain', more);
        else res.end('{}');
      };
      more();
    });
    const result = await cli('plan', '--max-attempts', '1', '--concurrency', '1');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('ReplyTooLarge');
  });
});

describe('an error echoing the signed request', () => {
  it('is redacted in the plan, the JSON plan and the saved plan', async () => {
    stub = await startStub((req, res) => {
      const echoed = [
        'POST',
        '/',
        '',
        `authorization:${req.headers.authorization}`,
        `x-amz-security-token:${req.headers['x-amz-security-token']}`,
        `x-amz-target:${req.headers['x-amz-target']}`,
      ].join('\n');
      res.writeHead(403, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          __type: 'InvalidSignatureException',
          message: `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${echoed}'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261129T000000Z'\n`,
        }),
      );
    });
    const text = await cli('plan', '--max-attempts', '1');
    const json = await cli('plan', '--max-attempts', '1', '--json', '--out', 'plan.json');
    const saved = await readFile(join(repo.dir, 'plan.json'), 'utf8');
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr, saved]) {
      expect(output).not.toContain(SESSION_TOKEN);
      expect(output).not.toContain('AKIDTESTTESTTEST');
      expect(output).not.toMatch(/Signature=[0-9a-f]/);
      expect(output).not.toContain('Canonical String');
    }
    expect(text.stdout).toContain('InvalidSignatureException');
    expect(text.stdout).toContain('The request signature we calculated does not match');
    expect(JSON.parse(json.stdout).licenses[0].error.message).toContain('[the echoed request was removed]');
  });
});

describe('a license listed without a HomeRegion, or with one that is not a region', () => {
  it('orphans says so, escapes what it prints, and keeps the value as read in JSON', async () => {
    const arn = (n: string) => `arn:aws:license-manager::123456789012:license:l-${n.repeat(32)}`;
    const license = { ProductName: 'P', Status: 'AVAILABLE' };
    stub = await startStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          Licenses: [
            { ...license, LicenseArn: arn('a'), LicenseName: 'Homeless' },
            { ...license, LicenseArn: arn('b'), LicenseName: 'Odd', HomeRegion: 'x\u001b[2Jy' },
          ],
        }),
      );
    });
    const text = (await cli('orphans', '--region', 'us-west-2', '--max-attempts', '1')).stdout;
    expect(text).toContain(`? ${arn('a')}  Homeless  (P, AVAILABLE, no HomeRegion, listed in us-west-2)`);
    expect(text).toContain(`license-gitops import ${arn('a')} --region us-west-2`);
    expect(text).toContain(`? ${arn('b')}  Odd  (P, AVAILABLE, HomeRegion x\\u001b[2Jy)`);
    expect(text).not.toContain('\u001b');
    const json = JSON.parse((await cli('orphans', '--region', 'us-west-2', '--max-attempts', '1', '--json')).stdout);
    expect(json.orphans).toEqual([
      expect.objectContaining({ licenseArn: arn('a'), homeRegion: null, region: 'us-west-2' }),
      expect.objectContaining({ licenseArn: arn('b'), homeRegion: 'x\u001b[2Jy' }),
    ]);
  });
});
