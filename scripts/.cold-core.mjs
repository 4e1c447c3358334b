import { buildPlan } from '../lib/reconcile/plan.js';
import { manifest, live } from './bench-data.mjs';
const pairings = Array.from({ length: 1000 }, (_, i) => {
  const { $schema, ...document } = manifest(i, false);
  return { manifest: { file: `licenses/license-${i}.json`, document }, read: { ok: true, license: live(i) } };
});
const before = process.cpuUsage();
const t = performance.now();
buildPlan(pairings);
const used = process.cpuUsage(before);
console.log('cold buildPlan 1000:', ((used.user + used.system) / 1000).toFixed(1), 'ms cpu', (performance.now() - t).toFixed(1), 'ms wall');
