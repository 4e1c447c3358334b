/** license-gitops.json: found upwards to the git top, checked against its schema, errors at file:line:col. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { globToRegExp, ignoreForFile } from '../../src/config/ignore.js';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { formatError } from '../../src/reconcile/errors.js';

const parse = (text: string, within = '/repo') =>
  parseConfig(text, '/repo/license-gitops.json', 'license-gitops.json', within);
const messages = (text: string) => parse(text).errors.map(formatError);
const matches = (file: string, glob: string) => globToRegExp(glob).test(file);

describe('parseConfig', () => {
  it('reads every setting; directory is relative to the file', () => {
    const loaded = parse(
      JSON.stringify({
        $schema: './schemas/config.schema.json',
        directory: 'manifests',
        ignore: [
          '/LicenseMetadata/LastAudit',
          { files: ['manifests/eu/*.json'], pointers: ['/Entitlements/*/Overage'] },
        ],
        maxChanges: 3,
        prune: false,
        concurrency: 4,
        maxRps: 2.5,
        timeout: 12,
      }),
    );
    expect(loaded).toStrictEqual({
      ok: true,
      errors: [],
      config: {
        file: '/repo/license-gitops.json',
        directory: '/repo/manifests',
        ignore: ['/LicenseMetadata/LastAudit'],
        ignoreFiles: [{ files: ['manifests/eu/*.json'], pointers: ['/Entitlements/*/Overage'] }],
        maxChanges: 3,
        prune: false,
        concurrency: 4,
        maxRps: 2.5,
        timeout: 12,
      },
    });
  });

  it('refuses a directory outside the folder it must stay in, at its position', () => {
    const text = (directory: string) => `{\n  "directory": ${JSON.stringify(directory)}\n}`;
    const outside =
      "/directory must name a folder inside the repository (outside git: inside the configuration file's folder); a configuration can't point a run at files outside it";
    expect(messages(text('../etc'))).toStrictEqual([`license-gitops.json:2:16: ${outside}`]);
    expect(messages(text('/etc'))).toStrictEqual([`license-gitops.json:2:16: ${outside}`]);
    expect(messages(text('a/../../b'))).toStrictEqual([`license-gitops.json:2:16: ${outside}`]);
    expect(parse(text('a/../b')).config.directory).toBe('/repo/b');
    // In a subfolder of a repository, the repository's top level is the bound.
    expect(parse(text('../licenses'), '/').config.directory).toBe('/licenses');
    expect(messages(text('../../x'))).toStrictEqual([`license-gitops.json:2:16: ${outside}`]);
  });

  it('refuses an unknown key at its position, suggesting the key meant', () => {
    expect(messages('{\n  "maxChange": 3\n}')).toStrictEqual([
      'license-gitops.json:2:3: unknown member "maxChange"; did you mean maxChanges?',
    ]);
  });

  it('refuses bad values at their positions', () => {
    const text = '{\n  "concurrency": 0,\n  "timeout": "30",\n  "prune": "yes",\n  "ignore": ["LicenseName"]\n}';
    expect(messages(text)).toStrictEqual([
      'license-gitops.json:2:18: /concurrency must be an integer from 1 to 1000 (got 0)',
      'license-gitops.json:3:14: /timeout must be a number (got "30")',
      'license-gitops.json:4:12: /prune must be true or false (got "yes")',
      'license-gitops.json:5:14: /ignore/0 must be a valid JSON pointer, such as /LicenseMetadata/LastAudit (got "LicenseName")',
    ]);
    expect(parse(text).errors.every((e) => e.code === 'CONFIG_INVALID')).toBe(true);
  });

  it('refuses an incomplete per-file rule and a non-positive pace', () => {
    const found = messages('{"ignore": [{"files": ["a/*.json"]}], "maxRps": 0}');
    expect(found).toContainEqual(expect.stringContaining('/ignore/0: missing required member "pointers"'));
    expect(found).toContainEqual(expect.stringContaining('/maxRps must be > 0'));
  });

  it('reports broken JSON at the broken spot, and a non-object', () => {
    expect(messages('{\n  "timeout": 3,\n}')).toStrictEqual([
      'license-gitops.json:2:15: trailing comma before "}" is not allowed',
    ]);
    expect(messages('[]')[0]).toContain('the configuration must be a JSON object');
  });
});

describe('loadConfig', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'license-gitops-config-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('finds the file in a folder above the working directory, up to the git top level', async () => {
    await mkdir(path.join(root, 'repo', '.git'), { recursive: true });
    await mkdir(path.join(root, 'repo', 'a', 'b'), { recursive: true });
    await writeFile(path.join(root, 'repo', 'license-gitops.json'), '{"maxChanges": 2}');
    const loaded = await loadConfig({ cwd: path.join(root, 'repo', 'a', 'b') });
    expect(loaded.config).toMatchObject({ file: path.join(root, 'repo', 'license-gitops.json'), maxChanges: 2 });
  });

  it('does not look above the git top level, nor above the working directory outside git', async () => {
    await writeFile(path.join(root, 'license-gitops.json'), '{"maxChanges": 2}');
    await mkdir(path.join(root, 'repo', '.git'), { recursive: true });
    expect((await loadConfig({ cwd: path.join(root, 'repo') })).config.file).toBeUndefined();
    await mkdir(path.join(root, 'plain'));
    expect((await loadConfig({ cwd: path.join(root, 'plain') })).config.file).toBeUndefined();
  });

  it('reads a file named explicitly, and refuses one that does not exist', async () => {
    await writeFile(path.join(root, 'other.json'), '{"timeout": 5}');
    expect((await loadConfig({ cwd: root, file: 'other.json' })).config.timeout).toBe(5);
    const missing = await loadConfig({ cwd: root, file: 'nope.json' });
    expect(missing.ok).toBe(false);
    expect(formatError(missing.errors[0]!)).toBe(
      'nope.json: the configuration file does not exist; check the --config path',
    );
  });

  it('is empty and fine when there is no file', async () => {
    expect(await loadConfig({ cwd: root })).toStrictEqual({
      ok: true,
      config: { ignore: [], ignoreFiles: [] },
      errors: [],
    });
  });
});

describe('per-file ignore rules', () => {
  it('match globs relative to the configuration file', () => {
    const ignoreFor = ignoreForFile(
      {
        file: '/repo/license-gitops.json',
        ignore: [],
        ignoreFiles: [
          { files: ['licenses/eu/*.json'], pointers: ['/A'] },
          { files: ['**/acme-*.json', 'x.json'], pointers: ['/B'] },
        ],
      },
      '/repo/sub',
    )!;
    expect(ignoreFor('../licenses/eu/globex.json')).toStrictEqual(['/A']);
    expect(ignoreFor('../licenses/eu/deeper/globex.json')).toStrictEqual([]);
    expect(ignoreFor('/repo/licenses/eu/acme-pro.json')).toStrictEqual(['/A', '/B']);
  });

  it('globs: * within a folder, ** across, ? one character, {a,b} either', () => {
    expect(matches('licenses/a.json', 'licenses/*.json')).toBe(true);
    expect(matches('licenses/eu/a.json', 'licenses/*.json')).toBe(false);
    expect(matches('licenses/eu/a.json', 'licenses/**/*.json')).toBe(true);
    expect(matches('licenses/a.json', 'licenses/**/*.json')).toBe(true);
    expect(matches('licenses/ab.json', 'licenses/a?.json')).toBe(true);
    expect(matches('licenses/eu/a.json', 'licenses/{eu,us}/*.json')).toBe(true);
    expect(matches('licenses/a+b.json', 'licenses/a+b.json')).toBe(true);
    expect(globToRegExp('a.json').test('aXjson')).toBe(false);
  });
});

describe('examples/license-gitops.json', () => {
  it('is a valid configuration', async () => {
    const file = fileURLToPath(new URL('../../examples/license-gitops.json', import.meta.url));
    const loaded = parseConfig(await readFile(file, 'utf8'), file, file, path.dirname(file));
    expect(loaded.errors).toStrictEqual([]);
    expect(loaded.config.ignore).toStrictEqual(['/LicenseMetadata/LastAudit']);
  });
});
