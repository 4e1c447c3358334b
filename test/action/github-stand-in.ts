/**
 * A local stand-in for the part of the GitHub REST API the Action uses, on
 * 127.0.0.1 under `/api/v3` as GitHub Enterprise serves it: issue comments
 * (list, create, update), issues (list by label/state/creator, create, update,
 * close), labels (get, create), the pull requests of a commit, and GraphQL's
 * `viewer` at `/api/graphql` (who the token is). Lists paginate with `Link`
 * headers as GitHub does; every request is recorded; writes can be refused
 * with 403 as for a read-only token. Everything written is authored by the
 * token's identity, `github-actions[bot]`; `seed*` adds things by others.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GitData } from './github-git-stand-in.js';

export interface User {
  login: string;
  id: number;
  type: 'Bot' | 'User';
}

/** The token's identity, as GitHub names the Actions token's. */
export const BOT: User = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };
/** Someone else: a person on the repository. */
export const PERSON: User = { login: 'mallory', id: 7001, type: 'User' };

export interface StoredComment {
  id: number;
  body: string;
  issue: number;
  user: User;
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  stateReason?: string;
  user: User;
}

export interface StoredPull {
  number: number;
  /** Null for a pull request not merged (yet). */
  merged_at: string | null;
  merge_commit_sha: string | null;
  state: 'open' | 'closed';
  base?: { ref: string };
}

export interface RecordedRequest {
  method: string;
  /** Path and query, without the `/api/v3` prefix. */
  url: string;
  authorization?: string;
  body?: Record<string, unknown> & { body?: string };
}

export interface GitHubStandIn {
  /** The API base URL, for GITHUB_API_URL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly comments: StoredComment[];
  readonly issues: StoredIssue[];
  readonly labels: string[];
  /** Answer writes (POST, PATCH) with 403, as GitHub does for a read-only token. */
  forbidWrites: boolean;
  /**
   * No GraphQL (404, as on a GitHub Enterprise Server without it); `GET /user`
   * then answers 403, as it does for an installation token such as GITHUB_TOKEN.
   */
  noGraphql: boolean;
  /** Adds comments by others, e.g. to push the Action's comment onto a later page. */
  seed(issue: number, bodies: string[], user?: User): void;
  /** Adds an issue (by someone else unless `user` says); issue and pull request numbers share one sequence. */
  seedIssue(issue: Partial<StoredIssue> & { body: string }): StoredIssue;
  /** Commits, trees, branch refs and the pull requests the Action opens (github-git-stand-in.ts). */
  readonly git: GitData;
  /** What `GET /repos/{owner}/{repo}/commits/{sha}/pulls` answers for `sha`. */
  seedPulls(sha: string, pulls: StoredPull[]): void;
  close(): Promise<void>;
}

const PREFIX = '/api/v3';
const GRAPHQL = '/api/graphql';
const REPO = '/repos/[^/]+/[^/]+';

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const comments: StoredComment[] = [];
  const issues: StoredIssue[] = [];
  const labels: string[] = [];
  const pulls = new Map<string, StoredPull[]>();
  const requests: RecordedRequest[] = [];
  const git = new GitData();
  let nextId = 1000;
  let nextNumber = 100;
  const state = { forbidWrites: false, noGraphql: false };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as RecordedRequest['body']) : undefined;
    const full = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const path = full.pathname.startsWith(PREFIX) ? full.pathname.slice(PREFIX.length) : full.pathname;
    requests.push({
      method,
      url: path + full.search,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(body ? { body } : {}),
    });
    if (full.pathname === GRAPHQL && method === 'POST' && !state.noGraphql)
      return graphql(res, String(body?.['query'] ?? ''));
    if (!full.pathname.startsWith(PREFIX)) return send(res, 404, { message: 'Not Found' });
    if (path === '/user' && method === 'GET')
      return send(res, 403, { message: 'Resource not accessible by integration' });
    if (method !== 'GET' && state.forbidWrites)
      return send(res, 403, { message: 'Resource not accessible by integration' });

    const route = (pattern: string) => new RegExp(`^${REPO}${pattern}$`).exec(path);
    let m: RegExpExecArray | null;
    if ((m = route('/issues/(\\d+)/comments'))) {
      const issue = Number(m[1]);
      if (method === 'GET') return paginate(res, full, comments.filter((c) => c.issue === issue).map(commentView));
      if (method === 'POST') {
        const created = { id: nextId++, body: body?.body ?? '', issue, user: BOT };
        comments.push(created);
        return send(res, 201, commentView(created));
      }
    }
    if ((m = route('/issues/comments/(\\d+)')) && method === 'PATCH') {
      const found = comments.find((c) => c.id === Number(m![1]));
      if (!found) return send(res, 404, { message: 'Not Found' });
      found.body = body?.body ?? found.body;
      return send(res, 200, commentView(found));
    }
    if (route('/issues')) {
      if (method === 'GET') return paginate(res, full, listIssues(full.searchParams).map(issueView));
      if (method === 'POST') return send(res, 201, issueView(createIssue(body ?? {})));
    }
    if ((m = route('/issues/(\\d+)'))) {
      const found = issues.find((i) => i.number === Number(m![1]));
      if (!found) return send(res, 404, { message: 'Not Found' });
      if (method === 'GET') return send(res, 200, issueView(found));
      if (method === 'PATCH') return send(res, 200, issueView(updateIssue(found, body ?? {})));
    }
    if ((m = route('/labels/([^/]+)')) && method === 'GET') {
      const name = decodeURIComponent(m[1]!);
      return labels.includes(name) ? send(res, 200, { name }) : send(res, 404, { message: 'Not Found' });
    }
    if (route('/labels') && method === 'POST') {
      const name = String(body?.['name'] ?? '');
      if (labels.includes(name)) return send(res, 422, { message: 'Validation Failed' });
      labels.push(name);
      return send(res, 201, { name, color: body?.['color'] });
    }
    if ((m = route('/commits/([0-9a-f]+)/pulls')) && method === 'GET')
      return paginate(res, full, pulls.get(m[1]!) ?? []);
    const answer = git.route(method, path, body, full.searchParams, base());
    if (answer) return send(res, answer.status, answer.body);
    send(res, 404, { message: 'Not Found' });
  }

  function graphql(res: ServerResponse, query: string): void {
    if (!/\bviewer\b/.test(query)) return send(res, 200, { errors: [{ message: 'the stand-in answers viewer only' }] });
    send(res, 200, { data: { viewer: { login: BOT.login, databaseId: BOT.id } } });
  }

  function listIssues(params: URLSearchParams): StoredIssue[] {
    const wanted = params.get('state') ?? 'open';
    const label = params.get('labels');
    const creator = params.get('creator');
    return issues.filter(
      (i) =>
        (wanted === 'all' || i.state === wanted) &&
        (!label || label.split(',').every((l) => i.labels.includes(l))) &&
        (!creator || i.user.login === creator),
    );
  }

  function createIssue(fields: Record<string, unknown>): StoredIssue {
    const named = (fields['labels'] as string[] | undefined) ?? [];
    for (const name of named) if (!labels.includes(name)) labels.push(name); // as GitHub does
    const issue: StoredIssue = {
      number: nextNumber++,
      title: String(fields['title'] ?? ''),
      body: String(fields['body'] ?? ''),
      labels: named,
      state: 'open',
      user: BOT,
    };
    issues.push(issue);
    return issue;
  }

  function updateIssue(issue: StoredIssue, fields: Record<string, unknown>): StoredIssue {
    if (typeof fields['title'] === 'string') issue.title = fields['title'];
    if (typeof fields['body'] === 'string') issue.body = fields['body'];
    if (fields['state'] === 'open' || fields['state'] === 'closed') issue.state = fields['state'];
    if (typeof fields['state_reason'] === 'string') issue.stateReason = fields['state_reason'];
    return issue;
  }

  function paginate(res: ServerResponse, url: URL, all: unknown[]): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    if (page < last) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      res.setHeader('link', `<${base()}${next.pathname.slice(PREFIX.length)}${next.search}>; rel="next"`);
    }
    send(res, 200, all.slice((page - 1) * perPage, page * perPage));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;

  return {
    url: base(),
    requests,
    git,
    comments,
    issues,
    labels,
    get forbidWrites() {
      return state.forbidWrites;
    },
    set forbidWrites(value: boolean) {
      state.forbidWrites = value;
    },
    get noGraphql() {
      return state.noGraphql;
    },
    set noGraphql(value: boolean) {
      state.noGraphql = value;
    },
    seed(issue, bodies, user = PERSON) {
      for (const body of bodies) comments.push({ id: nextId++, body, issue, user });
    },
    seedIssue(fields) {
      const issue: StoredIssue = {
        number: nextNumber++,
        title: 'an issue',
        labels: [],
        state: 'open',
        user: PERSON,
        ...fields,
      };
      for (const name of issue.labels) if (!labels.includes(name)) labels.push(name);
      issues.push(issue);
      return issue;
    },
    seedPulls(sha, list) {
      pulls.set(sha, list);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function commentView(comment: StoredComment) {
  return { id: comment.id, body: comment.body, user: comment.user };
}

function issueView(issue: StoredIssue) {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.stateReason ?? null,
    labels: issue.labels.map((name) => ({ name })),
    user: issue.user,
  };
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
