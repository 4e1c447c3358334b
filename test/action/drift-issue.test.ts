/** The drift issue's decisions over a fake issues API; the REST side is tested end to end in github-reports.test.ts. */
import { describe, expect, it } from 'vitest';
import { syncDriftIssue, type DriftReport, type Issue, type IssuesApi } from '../../src/action/drift-issue.js';
import { pickMerged } from '../../src/action/github-reports.js';

const ME = { login: 'github-actions[bot]', id: 41898282 };
const MARK = '<!-- license-gitops:drift dir=licenses -->';

function fakeApi(issues: Issue[]) {
  const calls: string[] = [];
  const api: IssuesApi = {
    identity: async () => ME,
    async *openIssues(label) {
      calls.push(`list ${label}`);
      yield issues.slice(0, 2);
      yield issues.slice(2);
    },
    ensureLabel: async (label) => void calls.push(`label ${label}`),
    create: async (title) => (calls.push(`create ${title}`), { number: 99 }),
    update: async (number) => void calls.push(`update #${number}`),
    comment: async (number, body) => void calls.push(`comment #${number}: ${body}`),
    close: async (number) => void calls.push(`close #${number}`),
  };
  return { api, calls };
}

const report = (state: DriftReport['state']): DriftReport => ({
  state,
  mark: MARK,
  title: 'License drift',
  body: `${MARK}\nthe plan`,
  closing: 'agree again',
});

describe('syncDriftIssue', () => {
  it('ignores pull requests, issues by others, and bodies that only mention the marker', async () => {
    const { api, calls } = fakeApi([
      { number: 1, body: `${MARK}\nby someone else`, user: { id: 7 } },
      { number: 2, body: `${MARK}\na pull request`, user: { id: ME.id }, pull_request: {} },
      { number: 3, body: `quoting ${MARK}`, user: { id: ME.id } },
      { number: 4, body: `${MARK}\nmine`, user: { id: ME.id } },
    ]);
    expect(await syncDriftIssue(api, report('drifted'))).toEqual({ action: 'updated', numbers: [4] });
    expect(calls).toEqual(['list license-drift', 'update #4']);
  });

  it('opens one issue, with the label made sure of first, when none of ours is open', async () => {
    const { api, calls } = fakeApi([{ number: 1, body: `${MARK}\nforged`, user: { id: ME.login } }]);
    expect(await syncDriftIssue(api, report('drifted'))).toEqual({ action: 'opened', numbers: [99] });
    expect(calls).toEqual(['list license-drift', 'label license-drift', 'create License drift']);
  });

  it('closes every one of ours with the comment when live and git agree', async () => {
    const { api, calls } = fakeApi([
      { number: 5, body: MARK, user: { id: ME.id } },
      { number: 8, body: `${MARK}\n`, user: { id: ME.id } },
    ]);
    expect(await syncDriftIssue(api, report('in-sync'))).toEqual({ action: 'closed', numbers: [5, 8] });
    expect(calls.slice(1)).toEqual(['comment #5: agree again', 'close #5', 'comment #8: agree again', 'close #8']);
  });

  it('does not even look when drift is unknown (the plan has errors)', async () => {
    const { api, calls } = fakeApi([{ number: 5, body: MARK, user: { id: ME.id } }]);
    expect(await syncDriftIssue(api, report('unknown'))).toMatchObject({ action: 'none' });
    expect(calls).toEqual([]);
  });
});

describe('pickMerged', () => {
  const sha = 'a'.repeat(40);
  it('prefers the merged pull request whose merge commit the push is, and never an open one', () => {
    expect(
      pickMerged(
        [
          { number: 1, merged_at: null, merge_commit_sha: sha },
          { number: 2, merged_at: '2026-01-01T00:00:00Z', merge_commit_sha: 'b'.repeat(40) },
          { number: 3, merged_at: '2026-01-02T00:00:00Z', merge_commit_sha: sha },
        ],
        sha,
      )?.number,
    ).toBe(3);
    expect(pickMerged([{ number: 2, merged_at: '2026-01-01T00:00:00Z', merge_commit_sha: null }], sha)?.number).toBe(2);
    expect(pickMerged([{ number: 1, merged_at: null, merge_commit_sha: sha }], sha)).toBeUndefined();
  });
});
