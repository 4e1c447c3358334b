/** The committed ahead-of-time validator must be what the schema compiles to today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TARGET, generateValidatorSource } from '../../scripts/generate-validator.mjs';

describe('src/manifests/generated/license-validator.js', () => {
  it('is up to date with schemas/license.schema.json (run `npm run generate` after editing the schema)', () => {
    expect(readFileSync(TARGET, 'utf8')).toBe(generateValidatorSource());
  });
});
