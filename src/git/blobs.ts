/**
 * Reads blobs by object id through one `git cat-file --batch` process. Only
 * object ids go on its input, never paths: a path may hold a newline, which
 * would split one request into two and shift every later answer. `blobId`
 * names a text by the object id git gives it, without git.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';

/** A blob's bytes, or why it was not read. */
export type Blob = { ok: true; bytes: Buffer } | { ok: false; reason: 'missing' | 'too-large' };

const OID = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/**
 * The blobs `oids` name, in order. A blob over `maxBytes` is skipped, not
 * buffered (its size is in the header before its content), so one huge
 * committed file can't exhaust memory.
 */
export function readBlobs(cwd: string, oids: readonly string[], maxBytes: number): Promise<Blob[]> {
  for (const oid of oids)
    if (!OID.test(oid)) return Promise.reject(new Error(`not an object id: ${JSON.stringify(oid)}`));
  if (oids.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'ignore'] });
    const parser = new BatchParser(oids.length, maxBytes);
    child.stdout.on('data', (chunk: Buffer) => parser.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file exited with ${code}`));
      if (parser.blobs.length !== oids.length) return reject(new Error('git cat-file answered too few objects'));
      resolve(parser.blobs);
    });
    child.stdin.on('error', () => undefined); // git exiting early is reported by 'close'
    child.stdin.end(oids.map((oid) => `${oid}\n`).join(''));
  });
}

/** Streams `<oid> <type> <size>\n<content>\n` or `<oid> missing\n` answers, keeping only blobs within the limit. */
class BatchParser {
  readonly blobs: Blob[] = [];
  private pending = Buffer.alloc(0);
  /** Bytes still to skip or collect for the current object (content and its trailing newline). */
  private body: { size: number; keep: Buffer[] | undefined; left: number } | undefined;

  constructor(
    private readonly count: number,
    private readonly maxBytes: number,
  ) {}

  push(chunk: Buffer): void {
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = Buffer.alloc(0);
    while (data.length > 0 && this.blobs.length < this.count) {
      if (this.body) {
        const take = Math.min(this.body.left, data.length);
        this.body.keep?.push(data.subarray(0, take));
        this.body.left -= take;
        data = data.subarray(take);
        if (this.body.left === 0) this.finish();
        continue;
      }
      const eol = data.indexOf(10);
      if (eol < 0) {
        if (data.length > 4096) throw new Error('git cat-file: header line too long');
        this.pending = Buffer.from(data);
        return;
      }
      this.header(data.subarray(0, eol).toString('utf8'));
      data = data.subarray(eol + 1);
    }
  }

  private header(line: string): void {
    const [, type, sizeText] = line.split(' ');
    if (type === 'missing' || sizeText === undefined) {
      this.blobs.push({ ok: false, reason: 'missing' });
      return;
    }
    const size = Number(sizeText);
    const keep = type === 'blob' && size <= this.maxBytes ? [] : undefined;
    this.body = { size, keep, left: size + 1 };
    if (this.body.left === 0) this.finish();
  }

  private finish(): void {
    const { keep, size } = this.body!;
    this.body = undefined;
    if (!keep) return void this.blobs.push({ ok: false, reason: size > this.maxBytes ? 'too-large' : 'missing' });
    this.blobs.push({ ok: true, bytes: Buffer.concat(keep).subarray(0, size) });
  }
}

/**
 * Git's object id for `text` as a blob with LF line ends, in the object format
 * of the repository's commit ids. Line ends don't change JSON, and a checkout that
 * turns LF into CRLF leaves a file as committed: its id is the committed blob's.
 */
export function blobId(text: string, commit?: string): string {
  const bytes = Buffer.from(text.replace(/\r\n/g, '\n'), 'utf8');
  const algorithm = commit?.length === 64 ? 'sha256' : 'sha1';
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}
