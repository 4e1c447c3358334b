/**
 * Standard output and error as commands write them: Node's streams, except that
 * a reader that went away (EPIPE, as in `license-gitops plan | head`) ends the
 * output quietly instead of crashing the run; the exit code stays the run's.
 */
export interface Output {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export function quietOutput(stream: NodeJS.WriteStream): Output {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return {
    write: (text) => !closed && stream.write(text),
    get isTTY() {
      return stream.isTTY === true;
    },
  };
}
