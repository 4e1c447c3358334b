import { describe, expect, it } from 'vitest';
import { readManifestDir } from '../../src/manifests/source.js';
import { validateManifests } from '../../src/manifests/validate.js';
import { FIXTURES, formatError, sourceOf, validDocument } from './helpers.js';

describe('validateManifests on the fixtures', () => {
  it('accepts every valid fixture, in file order, without $schema', async () => {
    const { sources, errors: readErrors } = await readManifestDir(`${FIXTURES}/valid`);
    const { manifests, errors } = validateManifests([...sources].reverse());
    expect(readErrors).toEqual([]);
    expect(errors.map(formatError)).toEqual([]);
    expect(manifests.map((m) => m.file)).toEqual([
      `${FIXTURES}/valid/acme-analytics.json`,
      `${FIXTURES}/valid/eu/globex-field-tools.json`,
      `${FIXTURES}/valid/initech-metered-api.json`,
    ]);
    expect(manifests[0]?.document).not.toHaveProperty('$schema');
    expect(manifests[0]?.document.Entitlements[0]).toEqual({
      Name: 'vCPU',
      MaxCount: 256,
      Overage: false,
      Unit: 'Count',
      AllowCheckIn: true,
    });
    const sourceText = sources.find((s) => s.file.endsWith('acme-analytics.json'))?.text ?? '';
    expect(JSON.parse(sourceText)).toHaveProperty('$schema');
  });

  it('reports every problem in every invalid fixture in one pass, sorted by file then position', async () => {
    const { sources } = await readManifestDir(`${FIXTURES}/invalid`);
    const { manifests, errors } = validateManifests(sources);
    expect(manifests).toEqual([]);
    const where = errors.map((e) => `${e.file?.replace(`${FIXTURES}/invalid/`, '')}:${e.line}:${e.column} ${e.code}`);
    expect(where).toEqual([
      'bom.json:1:1 MANIFEST_SYNTAX',
      ...Array<string>(8).fill('bom.json:1:1 MANIFEST_SCHEMA'),
      'bom.json:2:17 MANIFEST_SCHEMA',
      'comment.json:2:3 MANIFEST_SYNTAX',
      'duplicate-key.json:8:51 MANIFEST_SYNTAX',
      'duplicate-key.json:11:3 MANIFEST_SYNTAX',
      'not-an-object.json:1:1 MANIFEST_SCHEMA',
      'rule-errors.json:7:62 MANIFEST_RULE',
      'rule-errors.json:10:15 MANIFEST_RULE',
      'rule-errors.json:13:48 MANIFEST_RULE',
      'rule-errors.json:14:15 MANIFEST_RULE',
      'rule-errors.json:14:36 MANIFEST_RULE',
      'schema-errors.json:1:1 MANIFEST_SCHEMA',
      'schema-errors.json:3:18 MANIFEST_SCHEMA',
      'schema-errors.json:4:3 MANIFEST_SCHEMA',
      'schema-errors.json:5:31 MANIFEST_SCHEMA',
      'schema-errors.json:6:17 MANIFEST_SCHEMA',
      'schema-errors.json:7:26 MANIFEST_SCHEMA',
      'schema-errors.json:7:47 MANIFEST_SCHEMA',
      'schema-errors.json:9:35 MANIFEST_SCHEMA',
      'schema-errors.json:9:47 MANIFEST_SCHEMA',
      'schema-errors.json:10:36 MANIFEST_SCHEMA',
      'schema-errors.json:10:69 MANIFEST_SCHEMA',
      'schema-errors.json:13:18 MANIFEST_SCHEMA',
      'schema-errors.json:14:28 MANIFEST_SCHEMA',
      'schema-errors.json:16:13 MANIFEST_SCHEMA',
      'schema-errors.json:17:3 MANIFEST_SCHEMA',
      'trailing-comma.json:3:24 MANIFEST_SYNTAX',
      'truncated.json:5:23 MANIFEST_SYNTAX',
    ]);
  });

  it('prints errors as path:line:col: message', async () => {
    const { sources } = await readManifestDir(`${FIXTURES}/invalid`);
    const printed = validateManifests(sources).errors.map(formatError);
    expect(printed).toContain(
      `${FIXTURES}/invalid/schema-errors.json:9:35: /Entitlements/vCPU/MaxCount must be an integer >= 0 (got -1)`,
    );
    expect(printed).toContain(`${FIXTURES}/invalid/schema-errors.json:1:1: missing required member "ProductName"`);
    expect(printed).toContain(`${FIXTURES}/invalid/trailing-comma.json:3:24: trailing comma before "}" is not allowed`);
  });

  it('names the license on errors where LicenseArn is readable', async () => {
    const { sources } = await readManifestDir(`${FIXTURES}/invalid`);
    const { errors } = validateManifests(sources);
    const arnOf = (name: string) => new Set(errors.filter((e) => e.file?.endsWith(name)).map((e) => e.licenseArn));
    expect(arnOf('rule-errors.json')).toEqual(
      new Set(['arn:aws:license-manager::123456789012:license:l-22222222222222222222222222222222']),
    );
    expect(arnOf('bom.json')).toEqual(new Set(['x']));
    expect(arnOf('truncated.json')).toEqual(new Set([undefined]));
  });
});

describe('one manifest per license', () => {
  const twice = (...files: string[]) => files.map((file) => sourceOf(validDocument(), file));

  it('rejects the later file and names both, keeping the first', () => {
    const { manifests, errors } = validateManifests(twice('licenses/b.json', 'licenses/a.json'));
    expect(manifests.map((m) => m.file)).toEqual(['licenses/a.json']);
    expect(errors).toHaveLength(1);
    const arn = validDocument().LicenseArn as string;
    expect(errors[0]).toMatchObject({
      code: 'DUPLICATE_ARN',
      file: 'licenses/b.json',
      licenseArn: arn,
      line: 2,
      column: 17,
    });
    expect(errors[0]?.message).toBe(
      `license ${arn} is declared in both licenses/a.json and licenses/b.json; keep one manifest per license`,
    );
  });

  it('reports each further copy against the first', () => {
    const { manifests, errors } = validateManifests(twice('c.json', 'a.json', 'b.json'));
    expect(manifests).toHaveLength(1);
    expect(errors.map((e) => [e.file, e.message.includes('both a.json and')])).toEqual([
      ['b.json', true],
      ['c.json', true],
    ]);
  });

  it('counts a claim even from a file that is otherwise invalid', () => {
    const broken = validDocument();
    broken.Status = 'ACTIVE';
    const { manifests, errors } = validateManifests([sourceOf(validDocument(), 'a.json'), sourceOf(broken, 'b.json')]);
    expect(manifests.map((m) => m.file)).toEqual(['a.json']);
    expect(errors.map((e) => e.code).sort()).toEqual(['DUPLICATE_ARN', 'MANIFEST_SCHEMA']);
  });
});

describe('validateManifests contract', () => {
  it('does not mutate its input, and drops $schema only from the returned document', () => {
    const other = {
      $schema: '../schemas/license.schema.json',
      ...validDocument(),
      LicenseArn: 'arn:aws:license-manager::123456789012:license:l-2',
    };
    const sources = [sourceOf(other, 'b.json'), sourceOf(validDocument(), 'a.json')];
    const before = structuredClone(sources);
    const { manifests } = validateManifests(sources);
    expect(sources).toEqual(before);
    expect(manifests.map((m) => m.file)).toEqual(['a.json', 'b.json']);
    const { $schema: _dropped, ...expected } = other;
    expect(manifests[1]?.document).toEqual(expected);
  });

  it('returns nothing for nothing', () => {
    expect(validateManifests([])).toEqual({ manifests: [], errors: [], templates: [] });
  });
});

describe('messages', () => {
  it('show control and bidi characters from the file as escapes', () => {
    const doc = validDocument();
    doc['evil\u202e\u0007'] = 1;
    const [error] = validateManifests([sourceOf(doc)]).errors;
    expect(error?.message).toContain('unknown member "evil\\u202e\\u0007"');
  });
});
