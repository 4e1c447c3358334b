import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setInText, writeBack } from '../../src/manifests/write-back.js';

const ARN = 'arn:aws:license-manager::123456789012:license:l-0123456789abcdef0123456789abcdef';

describe('setInText', () => {
  it('puts a new LicenseArn right after $schema, keeping every other byte', () => {
    const text =
      '{\n  "$schema": "../schemas/license.schema.json",\n  "LicenseName": "A",   "Status": "AVAILABLE"\n}\n';
    const edit = setInText(text, '/LicenseArn', ARN);
    expect(edit).toEqual({
      ok: true,
      changed: true,
      text: `{\n  "$schema": "../schemas/license.schema.json",\n  "LicenseArn": "${ARN}",\n  "LicenseName": "A",   "Status": "AVAILABLE"\n}\n`,
    });
  });

  it('puts it first without $schema, and keeps the file’s tabs and CRLF line endings', () => {
    const text = '{\r\n\t"LicenseName": "A",\r\n\t"Status": "AVAILABLE"\r\n}\r\n';
    const edit = setInText(text, '/LicenseArn', ARN);
    expect(edit.ok && edit.text).toBe(
      `{\r\n\t"LicenseArn": "${ARN}",\r\n\t"LicenseName": "A",\r\n\t"Status": "AVAILABLE"\r\n}\r\n`,
    );
  });

  it('keeps four-space indentation and the result parses to the old content plus the ARN', () => {
    const text = '{\n    "LicenseName": "A",\n    "Entitlements": [{ "Name": "seats" }]\n}';
    const edit = setInText(text, '/LicenseArn', ARN);
    expect(edit.ok && edit.text).toContain(`\n    "LicenseArn": "${ARN}",\n    "LicenseName"`);
    expect(JSON.parse(edit.ok ? edit.text : '')).toEqual({
      LicenseArn: ARN,
      LicenseName: 'A',
      Entitlements: [{ Name: 'seats' }],
    });
  });

  it('sets a member inside an array element (a grant’s ARN), last among its siblings', () => {
    const text = '{\n  "Grants": [\n    { "GrantName": "a" },\n    { "GrantName": "b" }\n  ]\n}\n';
    const edit = setInText(text, '/Grants/1/GrantArn', 'arn:g', 'last');
    expect(edit.ok && JSON.parse(edit.text)).toEqual({
      Grants: [{ GrantName: 'a' }, { GrantName: 'b', GrantArn: 'arn:g' }],
    });
    expect(edit.ok && edit.text.startsWith('{\n  "Grants": [\n    { "GrantName": "a" },\n')).toBe(true);
  });

  it('is no change when the value is already there, and refuses to overwrite another value', () => {
    const text = `{ "LicenseArn": "${ARN}" }`;
    expect(setInText(text, '/LicenseArn', ARN)).toEqual({ ok: true, text, changed: false });
    const other = setInText(text, '/LicenseArn', `${ARN.slice(0, -1)}0`);
    expect(other.ok).toBe(false);
    expect(!other.ok && other.message).toMatch(/already has \/LicenseArn/);
  });

  it('refuses text that is not an object and a pointer whose parent is gone', () => {
    expect(setInText('[1]', '/LicenseArn', ARN).ok).toBe(false);
    expect(setInText('{"Grants": []}', '/Grants/3/GrantArn', 'x').ok).toBe(false);
  });
});

describe('writeBack', () => {
  it('records in the file and serializes writes to one file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'write-back-'));
    const file = path.join(dir, 'm.json');
    await writeFile(file, '{\n  "Grants": [{ "GrantName": "a" }, { "GrantName": "b" }]\n}\n');
    const results = await Promise.all([
      writeBack(file, '/LicenseArn', ARN),
      writeBack(file, '/Grants/0/GrantArn', 'g-a', 'last'),
      writeBack(file, '/Grants/1/GrantArn', 'g-b', 'last'),
    ]);
    expect(results).toEqual([undefined, undefined, undefined]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      LicenseArn: ARN,
      Grants: [
        { GrantName: 'a', GrantArn: 'g-a' },
        { GrantName: 'b', GrantArn: 'g-b' },
      ],
    });
  });

  it('says what to record by hand when the file is gone', async () => {
    const error = await writeBack(path.join(tmpdir(), 'no-such-dir-xyz', 'm.json'), '/LicenseArn', ARN);
    expect(error?.code).toBe('WRITE_BACK_FAILED');
    expect(error?.message).toContain(`record it by hand: "LicenseArn": "${ARN}"`);
  });
});

describe('writeBack', () => {
  it('records into a file whose name is as long as the file system allows (255 bytes)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'write-back-long-'));
    const file = path.join(dir, `${'b'.repeat(250)}.json`);
    await writeFile(file, '{\n  "LicenseName": "A"\n}\n');
    expect(await writeBack(file, '/LicenseArn', ARN)).toBeUndefined();
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ LicenseArn: ARN, LicenseName: 'A' });
    expect(await readdir(dir)).toEqual([path.basename(file)]);
  });
});
