/**
 * `--timeout` bounds a whole attempt, the reply's body included, and replies
 * are bounded in size. The SDK's own request timeout stops once the headers
 * arrive, so a reply that drips one byte a second would hold a run for ever;
 * and it buffers a body of any size. One middleware inside the retry loop,
 * between the HTTP handler and the SDK's deserializer, reads each reply's body
 * itself: against the attempt's deadline and up to a size limit, destroying
 * the connection when either is passed. A late reply fails with `TimeoutError`
 * (which the SDK retries, as any time-out); a reply too large fails with
 * `ReplyTooLarge` (not retried: the same request would get the same reply).
 */
import { Readable } from 'node:stream';
import type { DeserializeMiddleware } from '@smithy/types';

/** License Manager replies are a few KB; a page of 100 licenses a few hundred. Larger replies are abandoned. */
const MAX_REPLY_BYTES = 4 * 1024 * 1024;

/** For the client's `deserialize` step. */
export function attemptDeadline<I extends object, O extends object>(timeoutMs: number): DeserializeMiddleware<I, O> {
  return (next) => async (args) => {
    const deadline = Date.now() + timeoutMs;
    const late = () =>
      namedError('TimeoutError', `the reply did not arrive in full within --timeout ${timeoutMs / 1000}s`);
    const out = await withDeadline(next(args), deadline, late);
    const response = out.response as { body?: unknown };
    if (response.body instanceof Readable) {
      const bytes = await readBounded(response.body, deadline, late);
      response.body = Readable.from([bytes]);
    }
    return out;
  };
}

function withDeadline<T>(work: Promise<T>, deadline: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), Math.max(0, deadline - Date.now()));
  });
  return Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
}

/** The whole body, or an error once the deadline or the size limit is passed (the connection is then destroyed). */
function readBounded(body: Readable, deadline: number, late: () => Error): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (error: Error) => {
      clearTimeout(timer);
      body.removeAllListeners('data');
      body.destroy();
      reject(error);
    };
    const timer = setTimeout(() => stop(late()), Math.max(0, deadline - Date.now()));
    body.on('data', (chunk: Buffer | string) => {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > MAX_REPLY_BYTES)
        return stop(
          namedError('ReplyTooLarge', `the reply was larger than ${MAX_REPLY_BYTES} bytes, so it was abandoned`),
        );
      chunks.push(buffer);
    });
    body.once('error', (error) => stop(error));
    body.once('end', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks, size));
    });
  });
}

function namedError(name: string, message: string): Error {
  return Object.assign(new Error(message), { name });
}
