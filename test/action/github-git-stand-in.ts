/**
 * The Git Data and pull-request part of the GitHub API stand-in: what the
 * Action uses to record new ARNs (a commit made of a tree on a parent, a branch
 * ref created or moved, a pull request opened or updated). Commits and trees are
 * kept as given, so tests read back exactly which files a commit changed.
 */
export interface GitCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
}

export interface GitTree {
  sha: string;
  base_tree?: string;
  /** Path → content, as the tree entries gave them. */
  files: Record<string, string>;
}

export interface PullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  html_url: string;
}

export interface Answer {
  status: number;
  body: unknown;
}

const REPO = '^/repos/([^/]+)/([^/]+)';

export class GitData {
  readonly commits = new Map<string, GitCommit>();
  readonly trees = new Map<string, GitTree>();
  /** `heads/main` → commit sha. */
  readonly refs = new Map<string, string>();
  readonly pullRequests: PullRequest[] = [];
  /** Branches whose ref updates are refused, as a protected branch's are. */
  readonly protectedBranches = new Set<string>();
  #next = 1;
  #nextPull = 500;

  /** A commit that exists (e.g. the one pushed), with its own tree, and `branch` pointing at it. */
  seedCommit(sha: string, branch?: string): void {
    this.commits.set(sha, { sha, tree: `tree-of-${sha}`, parents: [], message: 'seeded' });
    if (branch) this.refs.set(`heads/${branch}`, sha);
  }

  /** The files the tree of commit `sha` sets on top of its base tree. */
  filesOf(sha: string): Record<string, string> {
    const commit = this.commits.get(sha);
    return (commit && this.trees.get(commit.tree)?.files) ?? {};
  }

  route(
    method: string,
    path: string,
    body: Record<string, unknown> | undefined,
    query: URLSearchParams,
    baseUrl: string,
  ): Answer | undefined {
    const match = (pattern: string) => new RegExp(`${REPO}${pattern}$`).exec(path);
    let m: RegExpExecArray | null;
    if ((m = match('/git/commits/([0-9a-f]+)')) && method === 'GET') {
      const commit = this.commits.get(m[3]!);
      return commit
        ? {
            status: 200,
            body: { sha: commit.sha, tree: { sha: commit.tree }, parents: commit.parents.map((sha) => ({ sha })) },
          }
        : notFound();
    }
    if (match('/git/trees') && method === 'POST') {
      const entries = (body?.['tree'] ?? []) as Array<{ path: string; content?: string; mode?: string; type?: string }>;
      if (entries.some((e) => e.mode !== '100644' || e.type !== 'blob' || typeof e.content !== 'string'))
        return { status: 422, body: { message: 'Invalid tree info' } };
      const sha = this.#sha('tree');
      const files = Object.fromEntries(entries.map((e) => [e.path, e.content!]));
      this.trees.set(sha, {
        sha,
        ...(typeof body?.['base_tree'] === 'string' ? { base_tree: body['base_tree'] } : {}),
        files,
      });
      return { status: 201, body: { sha } };
    }
    if (match('/git/commits') && method === 'POST') {
      const tree = String(body?.['tree'] ?? '');
      const parents = (body?.['parents'] ?? []) as string[];
      if (!this.trees.has(tree) || !parents.every((p) => this.commits.has(p)))
        return { status: 422, body: { message: 'Tree SHA or parent does not exist' } };
      const sha = this.#sha('commit');
      this.commits.set(sha, { sha, tree, parents, message: String(body?.['message'] ?? '') });
      return { status: 201, body: { sha, tree: { sha: tree } } };
    }
    if (match('/git/refs') && method === 'POST') {
      const ref = String(body?.['ref'] ?? '').replace(/^refs\//, '');
      if (this.refs.has(ref)) return { status: 422, body: { message: 'Reference already exists' } };
      this.refs.set(ref, String(body?.['sha']));
      return { status: 201, body: { ref: `refs/${ref}`, object: { sha: body?.['sha'] } } };
    }
    // Clients may send the ref's `/` encoded (`heads%2Fmain`), as Octokit does; GitHub takes both.
    if ((m = match('/git/refs/(heads(?:/|%2F).+)')) && method === 'PATCH') {
      const ref = decodeURIComponent(m[3]!);
      const current = this.refs.get(ref);
      const sha = String(body?.['sha'] ?? '');
      if (current === undefined) return { status: 422, body: { message: 'Reference does not exist' } };
      if (this.protectedBranches.has(ref.slice('heads/'.length)))
        return { status: 422, body: { message: 'Protected branch update failed' } };
      if (!body?.['force'] && !this.commits.get(sha)?.parents.includes(current))
        return { status: 422, body: { message: 'Update is not a fast forward' } };
      this.refs.set(ref, sha);
      return { status: 200, body: { ref: `refs/${ref}`, object: { sha } } };
    }
    if (match('/pulls') && method === 'GET') {
      const head = query.get('head')?.split(':')[1];
      const base = query.get('base');
      const state = query.get('state') ?? 'open';
      const found = this.pullRequests.filter(
        (p) => (!head || p.head === head) && (!base || p.base === base) && (state === 'all' || p.state === state),
      );
      return { status: 200, body: found.map(view) };
    }
    if ((m = match('/pulls')) && method === 'POST') {
      const head = String(body?.['head'] ?? '');
      const base = String(body?.['base'] ?? '');
      if (!this.refs.has(`heads/${head}`)) return { status: 422, body: { message: `head ${head} does not exist` } };
      if (this.pullRequests.some((p) => p.head === head && p.base === base && p.state === 'open'))
        return { status: 422, body: { message: 'A pull request already exists' } };
      const number = this.#nextPull++;
      const web = baseUrl.replace(/\/api\/v3$/, '');
      const pull: PullRequest = {
        number,
        head,
        base,
        title: String(body?.['title'] ?? ''),
        body: String(body?.['body'] ?? ''),
        state: 'open',
        html_url: `${web}/${m[1]}/${m[2]}/pull/${number}`,
      };
      this.pullRequests.push(pull);
      return { status: 201, body: view(pull) };
    }
    if ((m = match('/pulls/(\\d+)')) && method === 'PATCH') {
      const pull = this.pullRequests.find((p) => p.number === Number(m![3]));
      if (!pull) return notFound();
      if (typeof body?.['title'] === 'string') pull.title = body['title'];
      if (typeof body?.['body'] === 'string') pull.body = body['body'];
      return { status: 200, body: view(pull) };
    }
    return undefined;
  }

  #sha(kind: string): string {
    return `${kind === 'tree' ? 'a' : 'c'}${String(this.#next++).padStart(39, '0')}`;
  }
}

function view(pull: PullRequest) {
  return {
    number: pull.number,
    title: pull.title,
    body: pull.body,
    state: pull.state,
    html_url: pull.html_url,
    head: { ref: pull.head },
    base: { ref: pull.base },
  };
}

function notFound(): Answer {
  return { status: 404, body: { message: 'Not Found' } };
}
