/**
 * `license-gitops emulator`: runs the local License Manager until SIGINT/SIGTERM.
 * One line on stdout says where it listens; stderr says how to point clients at it.
 */
import { describeDialect, parseDialect, readSeedFile, startEmulator, type Emulator } from '../emulator/index.js';
import { escapeText } from '../render/escape.js';

interface EmulatorArgs {
  port?: number;
  /** Path of a seed file (see src/emulator/seed.ts). */
  seed?: string;
  latencyMs?: number;
  /** `key=value,…` (see src/emulator/dialect.ts); over the seed's dialect. */
  dialect?: string;
}

/** Where the command writes, and what stops it (SIGINT/SIGTERM by default). */
interface EmulatorIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Stops the emulator when aborted, instead of waiting for a signal (for tests). */
  stop?: AbortSignal;
}

const processStreams: EmulatorIo = { stdout: process.stdout, stderr: process.stderr };

/**
 * Starts the emulator and resolves with the exit code once it has stopped: 0, or 1
 * when it could not start (a bad seed or dialect, a port in use), said in one line.
 */
export async function runEmulator(opts: EmulatorArgs, io: EmulatorIo = processStreams): Promise<number> {
  let emulator: Emulator;
  try {
    const seed = opts.seed ? await readSeedFile(opts.seed) : undefined;
    const dialect = opts.dialect === undefined ? undefined : parseDialect(opts.dialect, '--dialect');
    if (dialect && !dialect.ok) throw new Error(dialect.message);
    // An option left unset is the emulator's default (the seed's, else its own).
    emulator = await startEmulator({ dialect: dialect?.value, port: opts.port, latencyMs: opts.latencyMs, seed });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === 'EADDRINUSE'
        ? `port ${opts.port ?? ''} is in use; pick another (--port 0 picks a free one)`
        : (error as Error).message;
    io.stderr.write(`error: ${escapeText(message)}\n`);
    return 1;
  }
  const count = emulator.store.size;
  io.stdout.write(`license-gitops emulator listening on ${emulator.url} (${count} license${count === 1 ? '' : 's'})\n`);
  io.stderr.write(`Dialect: ${describeDialect(emulator.dialect)}\n`);
  io.stderr.write(
    `Point clients at it:\n` +
      `  export AWS_ENDPOINT_URL=${emulator.url} AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1\n` +
      `  license-gitops plan    (or: aws license-manager list-licenses --endpoint-url ${emulator.url} --region us-east-1)\n` +
      `Stop with Ctrl-C.\n`,
  );
  const signal = await untilStopped(io.stop);
  await emulator.close();
  io.stderr.write(`license-gitops emulator stopped${signal ? ` (${signal})` : ''}\n`);
  return 0;
}

/** Resolves with the signal's name on SIGINT/SIGTERM, or with undefined when `stop` aborts. */
function untilStopped(stop: AbortSignal | undefined): Promise<string | undefined> {
  return new Promise((resolve) => {
    const finish = (name: string | undefined) => {
      for (const [signal, handler] of Object.entries(handlers)) process.off(signal, handler);
      stop?.removeEventListener('abort', onAbort);
      resolve(name);
    };
    const handlers = { SIGINT: () => finish('SIGINT'), SIGTERM: () => finish('SIGTERM') };
    const onAbort = () => finish(undefined);
    for (const [signal, handler] of Object.entries(handlers)) process.once(signal, handler);
    if (stop?.aborted) finish(undefined);
    else stop?.addEventListener('abort', onAbort, { once: true });
  });
}
