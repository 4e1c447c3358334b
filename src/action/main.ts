/**
 * The GitHub Action, bundled to dist/action/index.js. Reads the inputs, runs the
 * same plan or apply as the CLI, then reports: the log, annotations, outputs,
 * the job summary and the sticky pull-request comment. The step fails when the
 * run did not succeed (a plan with changes succeeds: `has-changes` tells).
 */
import { expiringFailure } from '../render/expiry.js';
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import { DEFAULT_DIR } from '../commands/settings.js';
import { commitOf } from '../run/sources.js';
import { truncateMarkdown } from '../render/truncate-markdown.js';
import { jsonText } from '../render/escape.js';
import { annotate } from './annotations.js';
import { commitUrl } from './comment.js';
import { pullRequestBase } from './event.js';
import { commentOnMergedPullRequest, commentOnPullRequest, keepDriftIssue } from './github-reports.js';
import { readInputs, type ActionInputs } from './inputs.js';
import { counts, errorsOf, failure, hasChanges, json, markdown, text, type RunResult } from './result.js';
import { reconcile } from './run.js';
import { recordArns } from './record-arns.js';
import { runSettings } from './settings.js';

/** GitHub drops a step summary over 1024 KiB; keep clear of it. */
const SUMMARY_LIMIT = 1_000_000;

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const read = readInputs((name) => core.getInput(name));
  if (!read.ok) return core.setFailed(read.errors.join('\n'));
  const { inputs } = read;
  if (inputs.region && !env.AWS_REGION) env.AWS_REGION = inputs.region;
  const settled = await runSettings(inputs, await baseInCheckout(env));
  // An invalid config file is reported like invalid manifests: annotations at file:line:col, nothing sent.
  const result: RunResult = settled.ok
    ? await reconcile(settled.settings, (line) => core.info(line))
    : { kind: 'invalid', command: inputs.command, errors: settled.errors };
  const directory = settled.ok ? settled.settings.directory : (inputs.directory ?? DEFAULT_DIR);
  logUntrusted(text(result));
  annotate(errorsOf(result), (message, properties) => core.error(message, properties), env.GITHUB_WORKSPACE);
  const commit = result.kind === 'invalid' ? undefined : result.plan.commit;
  setOutputs(result, await writeJson(result, inputs, env), commit);
  const options = {
    title: `license-gitops ${inputs.command} · ${directory}`,
    commitUrl: commitUrl(env, commit),
  };
  await writeSummary(markdown(result, { ...options, expand: true }), env);
  if (inputs.comment)
    await commentOnPullRequest(inputs.command, directory, markdown(result, options), inputs.githubToken, env);
  if (inputs.comment && inputs.command === 'apply')
    await commentOnMergedPullRequest(directory, result, inputs.githubToken, env);
  if (inputs.driftIssue) await keepDriftIssue(directory, result, inputs.githubToken, env);
  if (result.kind === 'apply')
    await recordArns(result.results, inputs.recordArns, result.plan.commit, inputs.githubToken, env);
  const ending = result.kind === 'invalid' ? undefined : result.plan.expiry;
  core.setOutput('expiring', String(ending?.licenses.length ?? 0));
  const failed =
    failure(result) ?? (inputs.failOnExpiring && ending?.licenses.length ? expiringFailure(ending) : undefined);
  if (failed) core.setFailed(failed);
}

/**
 * On a pull_request event, the pull request's base commit, so the plan tells the
 * pull request's changes from drift. A shallow checkout lacks it: then a warning,
 * and a plan without that split rather than no plan.
 */
async function baseInCheckout(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const base = await pullRequestBase(env);
  if (!base || (await commitOf(base)).commit) return base;
  core.warning(
    `the pull request's base commit ${base} is not in the checkout, so the plan can't tell this pull request's ` +
      'changes from drift outside git: check out with `fetch-depth: 0`',
  );
  return undefined;
}

/** Text from the manifests, printed with workflow commands off: a value like `::error::` stays text. */
function logUntrusted(output: string): void {
  const token = randomUUID();
  process.stdout.write(`::stop-commands::${token}\n${output.replace(/\n?$/, '\n')}::${token}::\n`);
}

/** The plan (or apply report) as the CLI's --json prints it, in a file of its own under RUNNER_TEMP. */
async function writeJson(result: RunResult, inputs: ActionInputs, env: NodeJS.ProcessEnv): Promise<string> {
  const dir = await mkdtemp(path.join(env.RUNNER_TEMP || tmpdir(), 'license-gitops-'));
  const file = path.join(dir, `${inputs.command}.json`);
  await writeFile(file, `${jsonText(json(result))}\n`);
  return file;
}

function setOutputs(result: RunResult, planJson: string, commit: string | undefined): void {
  core.setOutput('commit', commit ?? '');
  core.setOutput('has-changes', String(hasChanges(result)));
  core.setOutput('plan-json', planJson);
  for (const [name, n] of Object.entries(counts(result))) core.setOutput(name, String(n));
}

async function writeSummary(body: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (!env.GITHUB_STEP_SUMMARY) return core.info('GITHUB_STEP_SUMMARY is not set: no job summary');
  const note = "> [!NOTE]\n> Truncated to fit GitHub's job summary limit: the full plan is in this step's log.";
  await core.summary.addRaw(truncateMarkdown(body, SUMMARY_LIMIT, note), true).write();
}

await main(process.env).catch((error: unknown) => {
  core.debug(error instanceof Error ? (error.stack ?? error.message) : String(error));
  core.setFailed(`license-gitops: ${error instanceof Error ? error.message : String(error)}`);
});
