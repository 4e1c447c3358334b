import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MANIFEST_BYTES, readManifestDir } from '../../src/manifests/source.js';
import { FIXTURES } from './helpers.js';

let scratch: string;
let dir: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'license-gitops-source-'));
  dir = path.join(scratch, 'licenses');
  await mkdir(dir);
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function put(relative: string, content: string | Buffer = '{}'): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

describe('readManifestDir', () => {
  it('reads every *.json below the folder, sorted by path, skipping dot-folders and node_modules', async () => {
    await put('b.json', '{"b": 1}');
    await put('a/z.json');
    await put('a.json');
    await put('team/nested/deep.json');
    await put('notes.md', '# not a manifest');
    await put('c.json.bak');
    await put('.git/config.json');
    await put('.drafts/wip.json');
    await put('node_modules/pkg/package.json');
    const { sources, errors } = await readManifestDir(dir);
    expect(errors).toEqual([]);
    expect(sources.map((s) => path.relative(dir, s.file))).toEqual([
      'a.json',
      'a/z.json',
      'b.json',
      'team/nested/deep.json',
    ]);
    expect(sources.find((s) => s.file.endsWith('b.json'))?.text).toBe('{"b": 1}');
  });

  it('names files as the user would type them, relative to the working directory', async () => {
    const expected = [
      `${FIXTURES}/valid/acme-analytics.json`,
      `${FIXTURES}/valid/eu/globex-field-tools.json`,
      `${FIXTURES}/valid/initech-metered-api.json`,
    ];
    for (const given of [`${FIXTURES}/valid`, `./${FIXTURES}/valid/`, path.resolve(`${FIXTURES}/valid`)]) {
      expect((await readManifestDir(given)).sources.map((s) => s.file)).toEqual(expected);
    }
  });

  it('keeps the BOM and the exact text, for the parser to judge', async () => {
    await put('bom.json', Buffer.from('\ufeff{"a":\r\n1}', 'utf8'));
    expect((await readManifestDir(dir)).sources[0]?.text).toBe('\ufeff{"a":\r\n1}');
  });

  it('refuses a symlink that resolves outside the folder, naming it', async () => {
    const outside = path.join(scratch, 'secret.json');
    await writeFile(outside, '{"LicenseArn": "stolen"}');
    await symlink(outside, path.join(dir, 'escape.json'));
    await put('ok.json');
    const { sources, errors } = await readManifestDir(dir);
    expect(sources.map((s) => path.basename(s.file))).toEqual(['ok.json']);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'MANIFEST_UNREADABLE', file: path.join(dir, 'escape.json') });
    expect(errors[0]?.message).toContain(`escape.json is a symlink to ${outside}, outside`);
  });

  it('refuses a relative symlink climbing out, and a symlinked folder outside', async () => {
    await mkdir(path.join(scratch, 'elsewhere'));
    await writeFile(path.join(scratch, 'elsewhere', 'x.json'), '{}');
    await symlink('../elsewhere/x.json', path.join(dir, 'climb.json'));
    await symlink(path.join(scratch, 'elsewhere'), path.join(dir, 'linked-folder'));
    const { sources, errors } = await readManifestDir(dir);
    expect(sources).toEqual([]);
    expect(errors.map((e) => [e.code, path.basename(e.file ?? '')])).toEqual([
      ['MANIFEST_UNREADABLE', 'climb.json'],
      ['MANIFEST_UNREADABLE', 'linked-folder'],
    ]);
  });

  it('reads a symlink that stays inside the folder, and reports a broken one', async () => {
    await put('real/actual.json', '{"x": 1}');
    await symlink(path.join(dir, 'real', 'actual.json'), path.join(dir, 'alias.json'));
    await symlink(path.join(dir, 'real'), path.join(dir, 'alias-folder'));
    await symlink(path.join(dir, 'missing.json'), path.join(dir, 'broken.json'));
    const { sources, errors } = await readManifestDir(dir);
    expect(sources.map((s) => [path.relative(dir, s.file), s.text])).toEqual([
      ['alias.json', '{"x": 1}'],
      ['real/actual.json', '{"x": 1}'],
    ]);
    expect(errors.map((e) => e.message)).toEqual([`${path.join(dir, 'broken.json')} is a broken symlink`]);
  });

  it('refuses files that are not UTF-8 or are far too big, and reads the rest', async () => {
    await put('binary.json', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    await put('huge.json', Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20));
    await put('fine.json');
    const { sources, errors } = await readManifestDir(dir);
    expect(sources.map((s) => path.basename(s.file))).toEqual(['fine.json']);
    expect(errors.map((e) => [e.code, path.basename(e.file ?? ''), e.message.replace(`${dir}/`, '')])).toEqual([
      ['MANIFEST_UNREADABLE', 'binary.json', 'binary.json is not UTF-8 text'],
      [
        'MANIFEST_UNREADABLE',
        'huge.json',
        `huge.json is larger than ${MAX_MANIFEST_BYTES} bytes; a manifest is a few KB`,
      ],
    ]);
  });

  it('treats a missing folder as a usage error that says what to do', async () => {
    const missing = path.join(scratch, 'nope');
    const { sources, errors } = await readManifestDir(missing);
    expect(sources).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'USAGE', fault: 'user', cause: 'ENOENT' });
    expect(errors[0]?.message).toContain(`manifest directory "${missing}" does not exist`);
    expect(errors[0]?.message).toContain('pass the folder that holds the *.json manifests');
  });

  it('treats a file given as the folder as a usage error', async () => {
    const file = await put('single.json');
    const { errors } = await readManifestDir(file);
    expect(errors.map((e) => e.code)).toEqual(['USAGE']);
    expect(errors[0]?.message).toContain('is not a directory');
  });

  it('reads thousands of files', async () => {
    const count = 2000;
    await Promise.all(
      Array.from({ length: count }, (_, i) => put(`g${i % 7}/m-${String(i).padStart(4, '0')}.json`, `{"i": ${i}}`)),
    );
    const { sources, errors } = await readManifestDir(dir);
    expect(errors).toEqual([]);
    expect(sources).toHaveLength(count);
    const files = sources.map((s) => s.file);
    expect(files).toEqual([...files].sort());
    expect(new Set(sources.map((s) => s.text)).size).toBe(count);
  });
});
