/**
 * CPU cost of planning: normalize (both sides) + diff + plan per license, for
 * 10,000 generated licenses, one in ten drifted. Not a test; run with
 *   npx tsc --target ES2022 --module NodeNext --moduleResolution NodeNext --strict --skipLibCheck \
 *     --esModuleInterop --types node --rootDir . --outDir node_modules/.cache/reconcile-bench test/reconcile/bench.ts
 *   node node_modules/.cache/reconcile-bench/test/reconcile/bench.js
 * (compiled under node_modules so Node finds the packages; real Node ESM, no vitest transform).
 */
import fc from 'fast-check';
import { buildPlan } from '../../src/reconcile/index.js';
import type { LicenseDocument, Pairing } from '../../src/reconcile/types.js';
import { documentAndEquivalentArb } from './arbitraries.js';

const COUNT = 10_000;
const ROUNDS = 7;

function drift(doc: LicenseDocument): LicenseDocument {
  return { ...doc, Status: doc.Status === 'AVAILABLE' ? 'SUSPENDED' : 'AVAILABLE' };
}

const samples = fc.sample(documentAndEquivalentArb, { numRuns: COUNT, seed: 42 });
const pairings: Pairing[] = samples.map(([doc, live], index) => ({
  manifest: { file: `licenses/${index}.json`, document: index % 10 === 0 ? drift(doc) : doc },
  read: { ok: true, license: { ...live, Version: '3' } },
}));

buildPlan(pairings); // warm-up
const perLicense: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const before = process.cpuUsage();
  const plan = buildPlan(pairings);
  const used = process.cpuUsage(before);
  perLicense.push((used.user + used.system) / 1000 / COUNT);
  if (plan.summary.update !== COUNT / 10) throw new Error(`expected ${COUNT / 10} updates, got ${plan.summary.update}`);
}
perLicense.sort((a, b) => a - b);
const median = perLicense[Math.floor(ROUNDS / 2)] ?? NaN;
console.log(`${COUNT} licenses × ${ROUNDS} rounds: median ${median.toFixed(4)} ms CPU per license (min ${perLicense[0]?.toFixed(4)}, max ${perLicense.at(-1)?.toFixed(4)})`);
