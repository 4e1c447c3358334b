/** The Action's inputs: defaults as action.yml declares them, and every rejection as a message. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, readInputs, splitPointers } from '../../src/action/inputs.js';
import { ROOT } from '../helpers/cli.js';

const read = (inputs: Record<string, string>) => readInputs((name) => inputs[name] ?? '');

describe('readInputs', () => {
  it('fills the defaults when nothing is set', () => {
    expect(read({})).toEqual({
      ok: true,
      inputs: {
        command: 'plan',
        ignore: [],
        comment: true,
        driftIssue: false,
        recordArns: 'pull-request',
        failOnExpiring: false,
      },
    });
  });

  it('reads every input, trimmed', () => {
    const result = read({
      command: ' apply ',
      directory: 'infra/licenses',
      config: 'ci/license-gitops.json',
      ref: 'v2',
      'changed-since': 'abc123',
      ignore: '/LicenseMetadata/LastAudit\n  /Entitlements/*/Overage , /Status\n',
      'max-changes': '0',
      prune: 'true',
      'allow-in-use': 'true',
      'expiry-warning': '45',
      'fail-on-expiring': 'true',
      region: 'eu-west-1',
      'endpoint-url': 'http://127.0.0.1:4599',
      concurrency: '3',
      'max-rps': '2.5',
      timeout: '12',
      comment: 'False',
      'drift-issue': 'false',
      'github-token': 'ghs_x',
      'record-arns': ' commit ',
    });
    expect(result).toEqual({
      ok: true,
      inputs: {
        command: 'apply',
        directory: 'infra/licenses',
        config: 'ci/license-gitops.json',
        ref: 'v2',
        changedSince: 'abc123',
        ignore: ['/LicenseMetadata/LastAudit', '/Entitlements/*/Overage', '/Status'],
        maxChanges: 0,
        prune: true,
        allowInUse: true,
        expiryWarning: 45,
        failOnExpiring: true,
        region: 'eu-west-1',
        endpointUrl: 'http://127.0.0.1:4599',
        concurrency: 3,
        maxRps: 2.5,
        timeout: 12,
        comment: false,
        driftIssue: false,
        githubToken: 'ghs_x',
        recordArns: 'commit',
      },
    });
  });

  it.each([
    [{ command: 'destroy' }, 'input command must be plan or apply, not "destroy"'],
    [{ 'record-arns': 'push' }, 'input record-arns must be pull-request, commit, none, not "push"'],
    [{ concurrency: '0' }, 'input concurrency must be a whole number ≥ 1, not "0"'],
    [{ concurrency: '2.5' }, 'input concurrency must be a whole number ≥ 1, not "2.5"'],
    [{ comment: 'yes' }, 'input comment must be true or false, not "yes"'],
    [{ 'endpoint-url': 'ftp://example' }, 'input endpoint-url must be an http:// or https:// URL, not "ftp://example"'],
    [{ region: 'US East' }, 'input region must be an AWS region such as us-east-1, not "US East"'],
    [{ 'max-changes': '-1' }, 'input max-changes must be a whole number ≥ 0, not "-1"'],
    [{ 'expiry-warning': 'soon' }, 'input expiry-warning must be a whole number ≥ 0, not "soon"'],
    [{ 'max-changes': 'ten' }, 'input max-changes must be a whole number ≥ 0, not "ten"'],
    [{ 'max-rps': '0' }, 'input max-rps must be a number > 0, not "0"'],
    [{ timeout: '1e3' }, 'input timeout must be a number > 0, not "1e3"'],
    [{ prune: 'yes' }, 'input prune must be true or false, not "yes"'],
    [{ 'drift-issue': 'on' }, 'input drift-issue must be true or false, not "on"'],
    [
      { command: 'apply', 'drift-issue': 'true' },
      'input drift-issue works with command: plan (the scheduled drift check), not apply',
    ],
    [
      { 'drift-issue': 'true', 'changed-since': 'main~1' },
      'input drift-issue needs a plan of every manifest: remove changed-since',
    ],
  ])('rejects %j', (inputs, message) => {
    expect(read(inputs)).toEqual({ ok: false, errors: [message] });
  });

  it('reports every bad input at once', () => {
    const result = read({ command: 'x', concurrency: 'y' });
    expect(result.ok === false && result.errors).toHaveLength(2);
  });

  it('declares in action.yml exactly the inputs it reads, with the same defaults', async () => {
    const yml = await readFile(join(ROOT, 'action.yml'), 'utf8');
    const section = yml.slice(yml.indexOf('\ninputs:'), yml.indexOf('\noutputs:'));
    const declared = [...section.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    expect(declared).toEqual([
      'command',
      'directory',
      'config',
      'ref',
      'changed-since',
      'ignore',
      'max-changes',
      'prune',
      'allow-in-use',
      'expiry-warning',
      'fail-on-expiring',
      'region',
      'endpoint-url',
      'concurrency',
      'max-rps',
      'timeout',
      'comment',
      'drift-issue',
      'record-arns',
      'github-token',
    ]);
    const asked: string[] = [];
    readInputs((name) => (asked.push(name), ''));
    expect([...asked].sort()).toEqual([...declared].sort());
    for (const [name, value] of Object.entries(DEFAULTS))
      expect(section).toMatch(new RegExp(`^ {2}${name}:\\n(?: {4}.*\\n)*? {4}default: '?${value}'?$`, 'm'));
    // What the config file can set has no default in action.yml, or the file could never decide it.
    const defaulted = [...section.matchAll(/^ {2}([a-z-]+):\n(?: {4}.*\n)*? {4}default:/gm)].map((m) => m[1]);
    expect(defaulted).toEqual(['command', 'comment', 'drift-issue', 'record-arns', 'github-token']);
  });
});

describe('splitPointers', () => {
  it('splits lines and commas before a pointer, and keeps a comma inside a name', () => {
    expect(splitPointers('/a\r\n/b,/c, /d\n\n/LicenseMetadata/x,y')).toEqual([
      '/a',
      '/b',
      '/c',
      '/d',
      '/LicenseMetadata/x,y',
    ]);
    expect(splitPointers('  ')).toEqual([]);
  });
});
