// Times reading and validating many manifests (not a test: timings vary by machine).
// Usage: npm run build && node test/manifests/bench.mjs [count]
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readManifestDir } from '../../lib/manifests/source.js';
import { validateManifests } from '../../lib/manifests/validate.js';

const count = Number(process.argv[2] ?? 10_000);
const template = JSON.parse(await readFile(new URL('../fixtures/manifests/valid/acme-analytics.json', import.meta.url), 'utf8'));
const dir = await mkdtemp(path.join(tmpdir(), 'license-gitops-bench-'));

try {
  for (let group = 0; group < 10; group++) await mkdir(path.join(dir, `group-${group}`));
  for (let i = 0; i < count; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, count - i) }, (_, k) => writeFile(path.join(dir, `group-${(i + k) % 10}`, `license-${i + k}.json`), manifest(i + k))));
  }
  const start = performance.now();
  const { sources, errors: readErrors } = await readManifestDir(dir);
  const read = performance.now();
  const { manifests, errors } = validateManifests(sources);
  const done = performance.now();
  const bytes = sources.reduce((sum, s) => sum + s.text.length, 0);
  console.log(`${sources.length} manifests, ${Math.round(bytes / sources.length)} bytes each; ${manifests.length} valid, ${readErrors.length + errors.length} errors`);
  console.log(`read ${(read - start).toFixed(0)} ms + validate ${(done - read).toFixed(0)} ms = ${(done - start).toFixed(0)} ms`);
} finally {
  await rm(dir, { recursive: true, force: true });
}

/** A ≈1.5 KB manifest: the fixture with a unique ARN and a few more members. */
function manifest(i) {
  const id = String(i).padStart(32, '0');
  return JSON.stringify({
    ...template,
    LicenseArn: `arn:aws:license-manager::123456789012:license:l-${id}`,
    LicenseName: `License ${i}`,
    LicenseMetadata: [...template.LicenseMetadata, { Name: 'Owner', Value: 'platform-team@example.com' }, { Name: 'Ticket', Value: `LIC-${i}` }],
    Entitlements: [...template.Entitlements, { Name: 'Seats', MaxCount: 1000 + i, Unit: 'Count', Overage: false, AllowCheckIn: true }, { Name: 'Edition', Value: 'Enterprise', Unit: 'None' }],
  }, null, 2);
}
