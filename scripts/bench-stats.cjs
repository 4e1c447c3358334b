// Preloaded by the benchmark (`node --require`): at exit, writes the process's
// CPU time and peak memory to $LICENSE_GITOPS_BENCH_STATS. CommonJS on purpose:
// `--import` would make Node load the CLI's CommonJS entry through its ES module
// loader, a detour (about 18 ms of CPU here) that a real run never takes.
'use strict';
const { writeFileSync } = require('node:fs');

const target = process.env.LICENSE_GITOPS_BENCH_STATS;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(target, JSON.stringify({ cpuMs, maxRssMb: usage.maxRSS / 1024 }));
  });
}
