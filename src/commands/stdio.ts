/**
 * Standard output and error as commands write them: whole strings, written
 * synchronously to the file descriptor. Node's `process.stdout` is a stream
 * whose first use loads Node's stream, net and tty modules, a tenth of
 * `validate`'s start-up; `validate` of valid manifests never needs them.
 * Colour and progress ask `isTTY`, which creates the stream then.
 */
import { writeSync } from 'node:fs';

export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/**
 * Writes to `fd` until all is written. A reader that has gone (EPIPE, as in
 * `| head`) ends the output quietly; a descriptor that is non-blocking and full
 * (EAGAIN: Node makes a pipe non-blocking once its stream exists), or that
 * can't be written directly, hands this and every later write to `stream`, so
 * nothing is lost and the order is kept, and a reader that goes away after that
 * ends the stream's output as quietly.
 */
export function fdOutput(fd: number, stream: () => NodeJS.WriteStream): Output {
  let fallback: NodeJS.WriteStream | undefined;
  let closed = false;
  return {
    write(text: string): boolean {
      if (closed) return false;
      if (fallback) return fallback.write(text);
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      try {
        while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') {
          closed = true;
          return false;
        }
        fallback = stream();
        fallback.on('error', (streamError: NodeJS.ErrnoException) => {
          if (streamError.code !== 'EPIPE') throw streamError;
          closed = true;
        });
        return fallback.write(bytes.subarray(offset));
      }
    },
    get isTTY(): boolean {
      return stream().isTTY === true;
    },
  };
}
