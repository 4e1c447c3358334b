/**
 * Fuzzing the whole pipeline: whatever is wrong with any one manifest, apply
 * makes no call at all, names the file, and never throws.
 */
import { NO_LIFECYCLE } from '../helpers/no-lifecycle.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply } from '../../src/run/pipeline.js';
import type { LicenseService, VersionRequest } from '../../src/reconcile/ports.js';
import { licenseDocumentArb } from '../reconcile/arbitraries.js';
import { NO_GRANTS } from '../helpers/no-grants.js';

/** A service that counts calls and answers as if every license were live and unchanged. */
function countingService(): LicenseService & { calls: number } {
  const service = {
    ...NO_GRANTS,
    ...NO_LIFECYCLE,
    calls: 0,
    async getLicense() {
      service.calls += 1;
      return { ok: true as const, license: {} };
    },
    async createLicenseVersion(_request: VersionRequest) {
      service.calls += 1;
      return { ok: true as const, version: '2' };
    },
  };
  return service;
}

/** Ways to break one manifest's text. */
const brokenText = (valid: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.nat({ max: Math.max(0, valid.length - 1) }).map((n) => valid.slice(0, n)), // truncated
    fc.constant(`\uFEFF${valid}`), // a byte-order mark
    fc.string({ unit: 'binary', maxLength: 200 }), // anything at all
    fc.nat({ max: 5000 }).map((depth) => `${'['.repeat(depth + 65)}${']'.repeat(depth + 65)}`), // deep nesting
    fc.constantFrom('1e400', '-0', 'null', 'true', '[]', '""', '{}'), // the wrong kind of document
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).map((key) => valid.replace('{', `{"${key}x": 1, `)), // unknown key
    fc
      .constantFrom('"LicenseArn"', '"Status"', '"Entitlements"')
      .map((key) => valid.replace(key, `${key}: 123456789012345678901234567890, "x${key.slice(1)}`)),
  );

describe('apply fails closed', () => {
  it('makes no call when any one manifest is broken, and names it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(licenseDocumentArb, { minLength: 1, maxLength: 4, selector: (d) => d.LicenseArn }),
        fc.nat(),
        fc.string(),
        async (documents, which, seed) => {
          const sources = documents.map((doc, i) => ({
            file: `licenses/${i}.json`,
            text: JSON.stringify(doc, null, 2),
          }));
          const victim = which % sources.length;
          const broken = fc.sample(brokenText(sources[victim]!.text), { numRuns: 1, seed: hash(seed) })[0]!;
          sources[victim] = { file: sources[victim]!.file, text: broken };
          const service = countingService();
          const result = await apply({ sources, errors: [] }, service, { concurrency: 4 });
          expect(service.calls).toBe(0);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.errors.map((e) => e.file)).toContain(sources[victim]!.file);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.codePointAt(0)!) | 0;
  return h;
}
