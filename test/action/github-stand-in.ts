/**
 * A local stand-in for the part of the GitHub REST API the Action uses: list,
 * create and update issue comments, on 127.0.0.1 under `/api/v3` as GitHub
 * Enterprise serves it. Lists paginate with `Link` headers as GitHub does;
 * every request is recorded; writes can be refused with 403 as for a
 * read-only token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoredComment {
  id: number;
  body: string;
  issue: number;
  /** The author's login. */
  author: string;
}

export interface RecordedRequest {
  method: string;
  /** Path and query, without the `/api/v3` prefix. */
  url: string;
  authorization?: string;
  body?: { body?: string };
}

export interface GitHubStandIn {
  /** The API base URL, for GITHUB_API_URL. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly comments: StoredComment[];
  /** Answer writes (POST, PATCH) with 403, as GitHub does for a read-only token. */
  forbidWrites: boolean;
  /**
   * The token's user, as `GET /user` answers (a personal access token). Unset:
   * the token is GITHUB_TOKEN, which gets 403 there and writes as `github-actions[bot]`.
   */
  userLogin: string | undefined;
  /** Adds comments by others (default author `octocat`), e.g. to push the Action's comment onto a later page. */
  seed(issue: number, bodies: string[], author?: string): void;
  close(): Promise<void>;
}

const PREFIX = '/api/v3';

export async function startGitHubStandIn(): Promise<GitHubStandIn> {
  const comments: StoredComment[] = [];
  const requests: RecordedRequest[] = [];
  let nextId = 1000;
  const state: { forbidWrites: boolean; userLogin: string | undefined } = { forbidWrites: false, userLogin: undefined };
  const tokenLogin = () => state.userLogin ?? 'github-actions[bot]';

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const body = raw ? (JSON.parse(raw) as { body?: string }) : undefined;
    const full = new URL(req.url ?? '/', 'http://stand-in');
    const path = full.pathname.startsWith(PREFIX) ? full.pathname.slice(PREFIX.length) : full.pathname;
    requests.push({
      method: req.method ?? 'GET',
      url: path + full.search,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(body ? { body } : {}),
    });
    if (!full.pathname.startsWith(PREFIX)) return send(res, 404, { message: 'Not Found' });
    if (path === '/user' && req.method === 'GET')
      return state.userLogin
        ? send(res, 200, { login: state.userLogin, type: 'User' })
        : send(res, 403, { message: 'Resource not accessible by integration' });
    if (req.method !== 'GET' && state.forbidWrites)
      return send(res, 403, { message: 'Resource not accessible by integration' });

    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(path);
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(path);
    if (list && req.method === 'GET') return listComments(res, full, Number(list[1]));
    if (list && req.method === 'POST') {
      const created = { id: nextId++, body: body?.body ?? '', issue: Number(list[1]), author: tokenLogin() };
      comments.push(created);
      return send(res, 201, view(created));
    }
    if (one && req.method === 'PATCH') {
      const found = comments.find((c) => c.id === Number(one[1]));
      if (!found) return send(res, 404, { message: 'Not Found' });
      if (found.author !== tokenLogin()) return send(res, 403, { message: 'Must have admin rights to Repository.' });
      found.body = body?.body ?? found.body;
      return send(res, 200, view(found));
    }
    send(res, 404, { message: 'Not Found' });
  }

  function listComments(res: ServerResponse, url: URL, issue: number): void {
    const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
    const page = Number(url.searchParams.get('page') ?? 1);
    const all = comments.filter((c) => c.issue === issue);
    const last = Math.max(1, Math.ceil(all.length / perPage));
    if (page < last) {
      const next = new URL(url);
      next.searchParams.set('page', String(page + 1));
      next.searchParams.set('per_page', String(perPage));
      res.setHeader('link', `<${base()}${next.pathname.slice(PREFIX.length)}${next.search}>; rel="next"`);
    }
    send(res, 200, all.slice((page - 1) * perPage, page * perPage).map(view));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}${PREFIX}`;

  return {
    url: base(),
    requests,
    comments,
    get forbidWrites() {
      return state.forbidWrites;
    },
    set forbidWrites(value: boolean) {
      state.forbidWrites = value;
    },
    get userLogin() {
      return state.userLogin;
    },
    set userLogin(value: string | undefined) {
      state.userLogin = value;
    },
    seed(issue, bodies, author = 'octocat') {
      for (const body of bodies) comments.push({ id: nextId++, body, issue, author });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function view(comment: StoredComment) {
  const bot = comment.author.endsWith('[bot]');
  return { id: comment.id, body: comment.body, user: { login: comment.author, type: bot ? 'Bot' : 'User' } };
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
