/** The sticky comment's pieces: which event gets one, the marker, the body's size, and update-or-create. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  COMMENT_LIMIT,
  commentBody,
  commentProblem,
  marker,
  pullRequestOf,
  upsert,
  type Comment,
  type CommentsApi,
} from '../../src/action/comment.js';

describe('pullRequestOf', () => {
  async function withEvent(name: string, payload: unknown, extra: NodeJS.ProcessEnv = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'license-gitops-event-'));
    try {
      await writeFile(join(dir, 'event.json'), typeof payload === 'string' ? payload : JSON.stringify(payload));
      return await pullRequestOf({
        GITHUB_EVENT_NAME: name,
        GITHUB_EVENT_PATH: join(dir, 'event.json'),
        GITHUB_REPOSITORY: 'acme/licenses',
        ...extra,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('names the pull request of a pull_request event', async () => {
    expect(await withEvent('pull_request', { pull_request: { number: 12 } })).toEqual({
      owner: 'acme',
      repo: 'licenses',
      number: 12,
    });
  });

  it.each([
    ['push', { ref: 'refs/heads/main' }, /not a pull_request event \(push\)/],
    ['schedule', {}, /not a pull_request event/],
    ['pull_request_target', { pull_request: { number: 12 } }, /not a pull_request event/],
    ['pull_request', {}, /names no pull request number/],
    ['pull_request', 'not json', /names no pull request number/],
    ['pull_request', { pull_request: { number: '12' } }, /names no pull request number/],
  ])('skips %s %j', async (name, payload, why) => {
    const result = await withEvent(name, payload);
    expect('skip' in result && result.skip).toMatch(why);
  });
});

describe('marker', () => {
  it('names the command and the directory, and cannot be closed early by the directory', () => {
    expect(marker('plan', 'licenses')).toBe('<!-- license-gitops:plan dir=licenses -->');
    expect(marker('apply', 'a b-->')).toBe('<!-- license-gitops:apply dir=a%20b--%3e -->');
    expect(marker('plan', 'licenses')).not.toBe(marker('plan', 'licenses/partners'));
  });
});

describe('commentBody', () => {
  const mark = marker('plan', 'licenses');
  const run = 'https://github.example/acme/licenses/actions/runs/1';

  it('starts with the marker and keeps a plan that fits whole', () => {
    const body = commentBody(mark, '### plan\n\nsmall\n', run);
    expect(body.startsWith(`${mark}\n### plan\n\nsmall\n`)).toBe(true);
    expect(body).not.toContain('Truncated');
  });

  it('cuts a huge plan (multi-byte too) below the limit, with a note linking to the run', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `~ /LicenseMetadata/clé-${i}: "valeur" → "donnée ✓"`);
    const huge = `### plan\n\n<details><summary>x</summary>\n\n\`\`\`diff\n${lines.join('\n')}\n\`\`\`\n\n</details>\n`;
    const body = commentBody(mark, huge, run);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(COMMENT_LIMIT).toBeLessThan(65_536);
    expect(body).toContain(`the full plan is in <a href="${run}">the job summary of this run</a>`);
    expect(body).toMatch(/\n```\n\n<\/details>\n\n> \[!NOTE\]/);
  });
});

/** An in-memory comment thread, paged like the REST API. */
function fakeApi(existing: Comment[], perPage = 2) {
  const comments = existing.map((c) => ({ ...c }));
  const calls: string[] = [];
  const api: CommentsApi = {
    identity: async () => ({ login: 'github-actions[bot]', id: 41898282 }),
    async *list() {
      for (let i = 0; i < comments.length; i += perPage) {
        calls.push(`list ${i / perPage + 1}`);
        yield comments.slice(i, i + perPage);
      }
    },
    async create(body) {
      calls.push('create');
      const created = { id: 100 + comments.length, body, user: { login: 'github-actions[bot]', id: 41898282 } };
      comments.push(created);
      return created;
    },
    async update(id, body) {
      calls.push(`update ${id}`);
      const found = comments.find((c) => c.id === id)!;
      found.body = body;
      return found;
    },
  };
  return { api, comments, calls };
}

describe('upsert', () => {
  const mark = marker('plan', 'licenses');

  it('creates the comment when none starts with the marker', async () => {
    const { api, calls, comments } = fakeApi([
      { id: 1, body: 'hi' },
      { id: 2, body: `quoting ${mark}` },
      { id: 3, body: null },
    ]);
    expect(await upsert(api, mark, `${mark}\nnew`)).toEqual({ action: 'created', id: 103 });
    expect(calls).toEqual(['list 1', 'list 2', 'create']);
    expect(comments).toHaveLength(4);
  });

  it('updates the comment found on a later page, and stops listing there', async () => {
    const thread = [
      { id: 1, body: 'a' },
      { id: 2, body: 'b' },
      { id: 3, body: `${mark}\nold`, user: { login: 'github-actions[bot]', id: 41898282 } },
      { id: 4, body: 'c' },
      { id: 5, body: 'd' },
    ];
    const { api, calls, comments } = fakeApi(thread);
    expect(await upsert(api, mark, `${mark}\nnew`)).toEqual({ action: 'updated', id: 3 });
    expect(calls).toEqual(['list 1', 'list 2', 'update 3']);
    expect(comments.find((c) => c.id === 3)!.body).toBe(`${mark}\nnew`);
  });

  it('never takes over a comment with the marker written by someone else', async () => {
    const { api, calls, comments } = fakeApi([
      { id: 1, body: `${mark}\nplanted`, user: { login: 'mallory', id: 7001 } },
    ]);
    expect(await upsert(api, mark, `${mark}\nnew`)).toEqual({ action: 'created', id: 101 });
    expect(calls).toEqual(['list 1', 'create']);
    expect(comments[0]!.body).toBe(`${mark}\nplanted`);
  });
});

describe('commentProblem', () => {
  it('explains a 403 as a read-only token', () => {
    expect(commentProblem(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }))).toMatch(
      /HTTP 403\).*read-only.*fork.*pull-requests: write/,
    );
  });

  it('names the status or the error otherwise', () => {
    expect(commentProblem(Object.assign(new Error('x'), { status: 502 }))).toContain('HTTP 502');
    expect(commentProblem(new Error('connect ECONNREFUSED'))).toContain('ECONNREFUSED');
  });
});
