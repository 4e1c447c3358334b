/** The Action's inputs: defaults as action.yml declares them, and every rejection as a message. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, readInputs } from '../../src/action/inputs.js';
import { ROOT } from '../helpers/cli.js';

const read = (inputs: Record<string, string>) => readInputs((name) => inputs[name] ?? '');

describe('readInputs', () => {
  it('fills the defaults when nothing is set', () => {
    expect(read({})).toEqual({
      ok: true,
      inputs: { command: 'plan', directory: 'licenses', concurrency: 10, comment: true },
    });
  });

  it('reads every input, trimmed', () => {
    const result = read({
      command: ' apply ',
      directory: 'infra/licenses',
      'changed-since': 'abc123',
      region: 'eu-west-1',
      'endpoint-url': 'http://127.0.0.1:4599',
      concurrency: '3',
      comment: 'False',
      'github-token': 'ghs_x',
    });
    expect(result).toEqual({
      ok: true,
      inputs: {
        command: 'apply',
        directory: 'infra/licenses',
        changedSince: 'abc123',
        region: 'eu-west-1',
        endpointUrl: 'http://127.0.0.1:4599',
        concurrency: 3,
        comment: false,
        githubToken: 'ghs_x',
      },
    });
  });

  it.each([
    [{ command: 'destroy' }, 'input command must be plan or apply, not "destroy"'],
    [{ concurrency: '0' }, 'input concurrency must be a whole number ≥ 1, not "0"'],
    [{ concurrency: '2.5' }, 'input concurrency must be a whole number ≥ 1, not "2.5"'],
    [{ comment: 'yes' }, 'input comment must be true or false, not "yes"'],
    [{ 'endpoint-url': 'ftp://example' }, 'input endpoint-url must be an http:// or https:// URL, not "ftp://example"'],
    [{ region: 'US East' }, 'input region must be an AWS region such as us-east-1, not "US East"'],
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
      'changed-since',
      'region',
      'endpoint-url',
      'concurrency',
      'comment',
      'github-token',
    ]);
    const asked: string[] = [];
    readInputs((name) => (asked.push(name), ''));
    expect([...asked].sort()).toEqual([...declared].sort());
    for (const [name, value] of Object.entries(DEFAULTS))
      expect(section).toMatch(new RegExp(`^ {2}${name}:\\n(?: {4}.*\\n)*? {4}default: '?${value}'?$`, 'm'));
  });
});
