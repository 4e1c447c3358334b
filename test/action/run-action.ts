/**
 * Runs the bundled Action as the runner does: `node index.js` with inputs as
 * INPUT_<NAME> variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and the
 * event as a JSON file. The bundle is run from a copy in an empty folder, so a
 * passing test also proves it needs no node_modules.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, awsEnv } from '../helpers/cli.js';

export const BUNDLE = join(ROOT, 'dist', 'action', 'index.js');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionOptions {
  /** The workspace: the temporary repository. */
  cwd: string;
  /** Inputs by their action.yml names; unset ones get action.yml's defaults, as the runner does. */
  inputs?: Record<string, string>;
  /** The License Manager endpoint (the emulator), as AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** GITHUB_API_URL (the stand-in). */
  api?: string;
  /** Default: a push event. */
  event?: { name: string; payload: object };
  env?: NodeJS.ProcessEnv;
}

/** action.yml's defaults, as the runner sets them. */
const DEFAULT_INPUTS = {
  command: 'plan',
  comment: 'true',
  'drift-issue': 'false',
  'record-arns': 'pull-request',
  'github-token': 'ghs_stand-in-token',
};

export const REPOSITORY = 'acme/licenses';
export const SERVER = 'https://github.example';
export const RUN_ID = '4242';

export interface Runner {
  run(options: ActionOptions): Promise<ActionRun>;
  cleanup(): Promise<void>;
}

/** A copy of the bundle in an empty folder, and a fresh set of runner files for each run. */
export async function actionRunner(): Promise<Runner> {
  const home = await mkdtemp(join(tmpdir(), 'license-gitops-action-'));
  const bundle = join(home, 'action', 'index.js');
  await mkdir(join(home, 'action'));
  await copyFile(BUNDLE, bundle);
  let runs = 0;
  return {
    async run(options) {
      const dir = join(home, `run-${++runs}`);
      await mkdir(join(dir, 'temp'), { recursive: true });
      const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md'), event: join(dir, 'event.json') };
      await writeFile(files.output, '');
      await writeFile(files.summary, '');
      const event = options.event ?? { name: 'push', payload: { ref: 'refs/heads/main' } };
      await writeFile(files.event, JSON.stringify(event.payload));
      const inputs = { ...DEFAULT_INPUTS, ...options.inputs };
      const env: NodeJS.ProcessEnv = {
        ...awsEnv(options.endpoint),
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: options.cwd,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_EVENT_NAME: event.name,
        GITHUB_EVENT_PATH: files.event,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_SERVER_URL: SERVER,
        GITHUB_RUN_ID: RUN_ID,
        RUNNER_TEMP: join(dir, 'temp'),
        ...(options.api ? { GITHUB_API_URL: options.api } : {}),
        ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [inputName(name), value])),
        ...options.env,
      };
      const result = await exec(bundle, options.cwd, env);
      return {
        ...result,
        outputs: parseOutputs(await readFile(files.output, 'utf8')),
        summary: await readFile(files.summary, 'utf8'),
      };
    },
    cleanup: () => rm(home, { recursive: true, force: true }),
  };
}

/** As the runner names them: upper case, spaces to `_`, dashes kept (INPUT_CHANGED-SINCE). */
export function inputName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** The `name<<DELIMITER` heredocs @actions/core appends to GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const match of text.matchAll(/^([^\n]+?)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[match[1]!] = match[3]!;
  return outputs;
}

/** `::error file=…,line=…,col=…::message` lines on stdout. */
export function annotations(stdout: string, kind: 'error' | 'warning' = 'error'): string[] {
  return stdout.split('\n').filter((line) => line.startsWith(`::${kind}`));
}

function exec(
  file: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
