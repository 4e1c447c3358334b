/** Typo suggestions and name-keyed paths in schema and rule errors. */
import { describe, expect, it } from 'vitest';
import { keyedPointer } from '../../src/manifests/messages.js';
import { closest } from '../../src/manifests/schema.js';
import { validateManifests } from '../../src/manifests/validate.js';
import { sourceOf, validDocument } from './helpers.js';

// Tests poke at arbitrary depths of documents.
type Doc = Record<string, any>;

function messages(mutate: (doc: Doc) => void): string[] {
  const doc = validDocument() as Doc;
  mutate(doc);
  return validateManifests([sourceOf(doc)]).errors.map((e) => e.message);
}

describe('typo suggestions', () => {
  it('suggests the member a misspelt one probably means', () => {
    expect(messages((d) => (d.Entitlements[0].MaxCuont = 5))).toContain(
      '/Entitlements/vCPU: unknown member "MaxCuont"; did you mean MaxCount?',
    );
    expect(messages((d) => (d.Validty = d.Validity))).toContainEqual(expect.stringContaining('did you mean Validity?'));
  });

  it('suggests the enum value a misspelt one probably means', () => {
    expect(messages((d) => (d.ConsumptionConfiguration.RenewType = 'Monthy'))).toContain(
      '/ConsumptionConfiguration/RenewType must be one of None, Weekly, Monthly (got "Monthy"); did you mean Monthly?',
    );
    expect(messages((d) => (d.Status = 'available'))).toContainEqual(
      expect.stringContaining('did you mean AVAILABLE?'),
    );
  });

  it('suggests nothing for a word that is nothing like any allowed one', () => {
    const [message] = messages((d) => (d.Zebra = 1));
    expect(message).not.toContain('did you mean');
    expect(message).toContain('(allowed: ');
    expect(closest('Yearly', ['None', 'Weekly', 'Monthly'])).toBeUndefined();
  });
});

describe('name-keyed paths', () => {
  it('name list items as plans do', () => {
    expect(keyedPointer({ Entitlements: [{ Name: 'a' }, { Name: 'seats' }] }, '/Entitlements/1/MaxCount')).toBe(
      '/Entitlements/seats/MaxCount',
    );
    expect(keyedPointer({ L: [{ Name: 'a/b~c' }] }, '/L/0')).toBe('/L/a~1b~0c');
  });

  it('keep the index where the name is missing or repeated', () => {
    expect(keyedPointer({ L: [{ Name: 'x' }, { Name: 'x' }] }, '/L/1/Name')).toBe('/L/1/Name');
    expect(keyedPointer({ L: [{ Value: 1 }] }, '/L/0/Value')).toBe('/L/0/Value');
    expect(keyedPointer({ L: [{ Name: '7' }] }, '/L/0')).toBe('/L/0');
  });
});
