/** The committed ahead-of-time validators must be what the schemas compile to today. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_TARGET,
  PLAN_TARGET,
  TARGET,
  generateConfigValidatorSource,
  generateValidatorSource,
} from '../../scripts/generate-validator.mjs';

describe('generated validators', () => {
  it('src/manifests/generated/license-validator.js is up to date with schemas/license.schema.json (run `npm run generate` after editing the schema)', () => {
    expect(readFileSync(TARGET, 'utf8')).toBe(generateValidatorSource());
  });

  it('src/config/generated/config-validator.js is up to date with schemas/config.schema.json', () => {
    expect(readFileSync(CONFIG_TARGET, 'utf8')).toBe(generateConfigValidatorSource());
  });

  it('src/run/generated/plan-validator.js is up to date with schemas/plan.schema.json', () => {
    expect(readFileSync(PLAN_TARGET, 'utf8')).toBe(generateValidatorSource('plan.schema.json'));
  });
});

describe('the template validator', () => {
  it('src/manifests/generated/template-validator.js is up to date with schemas/license.schema.json', async () => {
    const { TEMPLATE_TARGET, generateTemplateValidatorSource } = await import('../../scripts/generate-validator.mjs');
    expect(readFileSync(TEMPLATE_TARGET, 'utf8')).toBe(generateTemplateValidatorSource());
  });
});
