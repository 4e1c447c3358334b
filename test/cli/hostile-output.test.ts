/**
 * Hostile names through every output: file names, names in patch paths, values
 * and license names holding newlines, workflow commands (`::error::`), terminal
 * escapes, Markdown, mentions, cross-references and autolinks. The text plan,
 * the errors, the apply report and the Action's log must print them escaped
 * (no data can start a line with `::`, no raw control character), JSON must
 * stay JSON with the real values, and Markdown must not format, link or
 * mention anything.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAll } from '../helpers/cli.js';
import { useDemoWorld } from '../helpers/demo-world.js';
import { actionRunner, type Runner } from '../action/run-action.js';

const world = useDemoWorld();
const { cli } = world;
let runner: Runner;
beforeAll(async () => {
  runner = await actionRunner();
});
afterAll(async () => {
  await runner.cleanup();
});

const HOSTILE_FILE = 'acme\n::warning::forged-file.json';
const HOSTILE_META = 'Tier\n::error::forged-metadata';
const HOSTILE_VALUE = '\u001b[2J\r::add-mask::secret ##[warning]forged-legacy \u{e0041}hidden';
const HOSTILE_NAME = 'Acme #123 GH-7 @octocat https://evil.example www.evil.example <b>x</b> `x` \n::error::name';

/** Every line of `output` that GitHub's runner would read as a workflow command (it trims leading blanks). */
function commandLines(output: string, allowed: RegExp = /$^/): string[] {
  return output.split(/\r?\n|\r/).filter((line) => line.trimStart().startsWith('::') && !allowed.test(line));
}

/** The Markdown outside fenced code blocks, where GitHub formats, links and mentions. */
function outsideCodeBlocks(markdown: string): string {
  return markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '');
}

async function plantHostileManifest(): Promise<void> {
  const dir = join(world.repo.dir, 'licenses');
  const doc = JSON.parse(await readFile(join(dir, 'acme-analytics-pro.json'), 'utf8'));
  doc.LicenseName = HOSTILE_NAME;
  doc.LicenseMetadata.push({ Name: HOSTILE_META, Value: HOSTILE_VALUE });
  await writeFile(join(dir, 'acme-analytics-pro.json'), JSON.stringify(doc, null, 2));
  await rename(join(dir, 'acme-analytics-pro.json'), join(dir, HOSTILE_FILE));
  await commitAll(world.repo.dir, 'hostile names');
}

describe('hostile names in every output', () => {
  it('the text plan and the apply report print them escaped, one line each', async () => {
    await plantHostileManifest();
    for (const result of [await cli('plan'), await cli('apply')]) {
      expect(result.stdout).toContain('licenses/acme\\u000a::warning::forged-file.json');
      expect(result.stdout).toContain('Tier\\u000a::error::forged-metadata');
      expect(commandLines(result.stdout + result.stderr)).toEqual([]);
      expect(result.stdout + result.stderr).not.toMatch(/[\u001b\r\u{e0041}]|##\[/u);
    }
  });

  it('JSON stays JSON and keeps the real values', async () => {
    await plantHostileManifest();
    const result = await cli('plan', '--json');
    const plan = JSON.parse(result.stdout);
    const step = plan.licenses.find((l: { file: string }) => l.file === `licenses/${HOSTILE_FILE}`);
    expect(step.patch).toContainEqual({
      op: 'add',
      path: `/LicenseMetadata/${HOSTILE_META}`,
      value: { Value: HOSTILE_VALUE },
    });
  });

  it('validate names a hostile --dir escaped', async () => {
    const { mkdir, cp } = await import('node:fs/promises');
    const dir = 'x\n::warning title=pwn::forged ##[error]legacy';
    await mkdir(join(world.repo.dir, dir));
    await cp(join(world.repo.dir, 'licenses/initech-support.json'), join(world.repo.dir, dir, 'a.json'));
    const result = await cli('validate', '--dir', dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('valid in x\\u000a::warning title=pwn::forged ##\\u005berror]legacy');
    expect(commandLines(result.stdout + result.stderr)).toEqual([]);
  });

  it('errors name a hostile file escaped', async () => {
    await writeFile(join(world.repo.dir, 'licenses', 'bad\n::error::forged.json'), '{ "LicenseArn": ');
    await commitAll(world.repo.dir, 'a broken manifest with a hostile name');
    const result = await cli('validate');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('licenses/bad\\u000a::error::forged.json:1:');
    expect(commandLines(result.stdout + result.stderr)).toEqual([]);
  });

  it('the Action log, annotations and Markdown summary neutralise them', async () => {
    await plantHostileManifest();
    const run = await runner.run({ cwd: world.repo.dir, endpoint: world.emulator.url });
    expect(run.code).toBe(0);
    // Only the Action's own commands: stop-commands around the log, set-output and the like.
    const own = /^::(stop-commands::[0-9a-f-]+|[0-9a-f-]{36}::)$/;
    expect(commandLines(run.stdout, own)).toEqual([]);
    expect(run.stdout).not.toMatch(/[\u001b\r]/);
    const markdown = outsideCodeBlocks(run.summary);
    expect(markdown).toContain('Acme #&#8203;123 GH&#8203;-7 @&#8203;octocat https&#8203;://evil.example');
    for (const raw of [
      '#123',
      'GH-7',
      '@octocat',
      'https://evil',
      'www.evil',
      '<b>',
      '`x`',
      '\u001b',
      '\n::error::name',
    ])
      expect(markdown).not.toContain(raw);
    // Inside the diff blocks GitHub links nothing; there the text escaping holds.
    expect(commandLines(run.summary)).toEqual([]);
  });
});
