/** Errors as annotations: manifest errors on file, line and column; license errors on the file. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { annotate, annotation, type AnnotationProperties } from '../../src/action/annotations.js';
import { licenseError } from '../../src/reconcile/errors.js';

const ARN = 'arn:aws:license-manager::123456789012:license:l-0a1b2c3d4e5f60718293a4b5c6d7e8f9';

describe('annotation', () => {
  it('places a manifest error on its file, line and column', () => {
    const error = licenseError('MANIFEST_SCHEMA', '/LicenseName: must be a string', {
      file: 'licenses/x.json',
      line: 2,
      column: 18,
      licenseArn: ARN,
    });
    expect(annotation(error)).toEqual([
      '/LicenseName: must be a string',
      { file: 'licenses/x.json', startLine: 2, startColumn: 18 },
    ]);
  });

  it('places a license error on its file, naming the license', () => {
    const error = licenseError('NOT_FOUND', 'the license was not found', {
      file: 'licenses/acme.json',
      licenseArn: ARN,
    });
    expect(annotation(error)).toEqual([`${ARN}: the license was not found`, { file: 'licenses/acme.json' }]);
  });

  it('puts an error without a file on the step', () => {
    expect(annotation(licenseError('USAGE', 'bad ref'))).toEqual(['bad ref', {}]);
  });

  it('gives paths from the workspace', () => {
    const error = licenseError('NOT_FOUND', 'gone', { file: 'licenses/a.json' });
    const parent = join(process.cwd(), '..');
    const here = process.cwd().slice(parent.length + 1);
    expect(annotation(error, parent)[1].file).toBe(`${here}/licenses/a.json`);
    expect(annotation(error, join(process.cwd(), 'elsewhere'))[1].file).toBe('licenses/a.json');
  });
});

it('annotate makes one annotation per error', () => {
  const seen: [string, AnnotationProperties][] = [];
  annotate([licenseError('USAGE', 'a'), licenseError('USAGE', 'b')], (m, p) => seen.push([m, p]));
  expect(seen.map(([m]) => m)).toEqual(['a', 'b']);
});
