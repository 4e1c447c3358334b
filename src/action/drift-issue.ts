/**
 * `drift-issue: true`: one open issue labelled `license-drift` per manifest
 * directory, kept in step with the scheduled plan. Changes: open it (or update
 * the one already open). Live and git agree: close it with a comment. A plan
 * with errors says neither, so the issue is left as it is.
 *
 * The issue is found by a hidden marker on its first line naming the
 * directory, and only among issues the token's own identity opened: an issue
 * by anyone else that copies the marker is never updated or closed.
 */
import { failedCall, octokit, statusOf, tokenIdentity, writtenBy } from './github.js';
import type { Repository, TokenIdentity } from './github.js';

const DRIFT_LABEL = 'license-drift';

/** What the plan says about drift: changes, none (live and git agree), or it can't tell (errors). */
export type DriftState = 'drifted' | 'in-sync' | 'unknown';

export interface Issue {
  number: number;
  body?: string | null;
  user?: { id?: unknown } | null;
  /** Set when the "issue" is a pull request (the issues API lists both). */
  pull_request?: unknown;
}

/** The calls the drift issue needs (a port: the REST API, or a fake). */
export interface IssuesApi {
  identity(): Promise<TokenIdentity>;
  /** Open issues with the label, page by page. */
  openIssues(label: string): AsyncIterable<Issue[]>;
  ensureLabel(label: string): Promise<void>;
  create(title: string, body: string, label: string): Promise<Issue>;
  // What these three answer is not used.
  update(number: number, title: string, body: string): Promise<unknown>;
  comment(number: number, body: string): Promise<unknown>;
  close(number: number): Promise<unknown>;
}

export interface DriftReport {
  state: DriftState;
  /** The hidden first line, from `marker('drift', directory)`. */
  mark: string;
  title: string;
  /** The issue's body, marker first, when drifted. */
  body: string;
  /** The comment that closes the issue, when in sync. */
  closing: string;
}

export type DriftIssueAction =
  { action: 'opened' | 'updated' | 'closed'; numbers: number[] } | { action: 'none'; reason: string };

export async function syncDriftIssue(api: IssuesApi, report: DriftReport): Promise<DriftIssueAction> {
  if (report.state === 'unknown') return { action: 'none', reason: 'the plan has errors, so drift is unknown' };
  const me = await api.identity();
  const mine: Issue[] = [];
  for await (const page of api.openIssues(DRIFT_LABEL))
    mine.push(
      ...page.filter((i) => !i.pull_request && writtenBy(me, i.user) && i.body?.split('\n')[0] === report.mark),
    );
  mine.sort((a, b) => a.number - b.number);
  const close = async (issues: readonly Issue[], comment: string) => {
    for (const issue of issues) {
      await api.comment(issue.number, comment);
      await api.close(issue.number);
    }
  };
  if (report.state === 'in-sync') {
    if (mine.length === 0) return { action: 'none', reason: 'no drift, and no open drift issue' };
    await close(mine, report.closing);
    return { action: 'closed', numbers: mine.map((i) => i.number) };
  }
  const [kept, ...extra] = mine;
  // More than one (two runs raced to open one): keep the oldest, close the others.
  await close(extra, `Superseded by #${kept?.number}, which tracks this drift.`);
  if (kept) {
    await api.update(kept.number, report.title, report.body);
    return { action: 'updated', numbers: [kept.number] };
  }
  await api.ensureLabel(DRIFT_LABEL);
  const created = await api.create(report.title, report.body, DRIFT_LABEL);
  return { action: 'opened', numbers: [created.number] };
}

/** Issues over the REST API at `baseUrl` (GITHUB_API_URL, so GitHub Enterprise works). */
export function restIssues(token: string, repository: Repository, baseUrl: string | undefined): IssuesApi {
  const client = octokit(token, baseUrl);
  const { issues } = client.rest;
  const issue = (number: number) => ({ ...repository, issue_number: number });
  return {
    identity: () => tokenIdentity(client),
    async *openIssues(label) {
      const query = { ...repository, labels: label, state: 'open' as const, per_page: 100 };
      for await (const page of client.paginate.iterator(issues.listForRepo, query)) yield page.data;
    },
    async ensureLabel(name) {
      try {
        await issues.getLabel({ ...repository, name });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
        const description = 'Live AWS License Manager licenses differ from git (license-gitops)';
        await issues.createLabel({ ...repository, name, color: 'd93f0b', description });
      }
    },
    create: async (title, body, label) => (await issues.create({ ...repository, title, body, labels: [label] })).data,
    update: (number, title, body) => issues.update({ ...issue(number), title, body }),
    comment: (number, body) => issues.createComment({ ...issue(number), body }),
    close: (number) => issues.update({ ...issue(number), state: 'closed', state_reason: 'completed' }),
  };
}

/** Why the drift issue could not be kept, in words a workflow author can act on. */
export function driftIssueProblem(error: unknown): string {
  if (statusOf(error) === 403)
    return 'no permission to open or update the drift issue (HTTP 403): give the job `permissions: issues: write`';
  return `could not open or update the drift issue (${failedCall(error)}); the plan is in the job summary`;
}
