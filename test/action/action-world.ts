/**
 * The world the Action's end-to-end tests run in: the demo world (a fresh
 * emulator and repository per test), the bundled Action ready to run, and a
 * fresh GitHub stand-in per test, handed to `onStandIn`. Call once at the top
 * of a test file.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { useDemoWorld, type DemoWorld } from '../helpers/demo-world.js';
import { startGitHubStandIn, type GitHubStandIn } from './github-stand-in.js';
import { actionRunner, type ActionOptions, type ActionRun, type Runner } from './run-action.js';

export interface ActionWorld {
  readonly world: DemoWorld;
  /** Runs the bundled Action in the repository, against the emulator and the stand-in. */
  action(options?: Partial<ActionOptions>): Promise<ActionRun>;
  /** The runner itself, for a run somewhere else. */
  runner(): Runner;
}

export function useActionWorld(onStandIn: (github: GitHubStandIn) => void): ActionWorld {
  const world = useDemoWorld();
  let runner: Runner | undefined;
  let github: GitHubStandIn | undefined;
  beforeAll(async () => {
    runner = await actionRunner();
  });
  afterAll(() => runner?.cleanup());
  beforeEach(async () => {
    github = await startGitHubStandIn();
    onStandIn(github);
  });
  afterEach(() => github?.close());
  return {
    world,
    action: (options = {}) =>
      runner!.run({ cwd: world.repo.dir, endpoint: world.emulator.url, api: github!.url, ...options }),
    runner: () => runner!,
  };
}
