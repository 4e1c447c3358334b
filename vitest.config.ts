import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Most tests wait on child processes (the CLI, git) and on the emulator over HTTP, so
    // more workers than cores keep the machine busy (on two quiet cores, three workers: about two
    // minutes for the whole suite, most of it the CPU of the CLI runs the end-to-end tests make).
    // (At most eight: availableParallelism counts a host's cores, not a container's CPU quota.)
    maxWorkers: Math.min(8, Math.ceil(availableParallelism() * 1.5)),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The SDK warns in-process that future releases need Node 22; the CLI silences it the same way.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
