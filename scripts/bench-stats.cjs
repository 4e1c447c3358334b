// Preloaded by the benchmark (`node --require`): at exit, writes the process's
// CPU time and peak memory to $LICENSE_GITOPS_BENCH_STATS. CommonJS so that
// `--require` loads it synchronously before the CLI's own modules.
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
