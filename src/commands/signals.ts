/** SIGINT/SIGTERM during a run: stop starting new calls and remember the exit code (130/143). */
const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export interface Termination {
  signal: AbortSignal;
  readonly exitCode: number | undefined;
  dispose(): void;
}

export function onTermination(notify: (signal: keyof typeof EXIT_CODES) => void): Termination {
  const controller = new AbortController();
  let exitCode: number | undefined;
  const handlers = (Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[]).map((name) => {
    const handler = () => {
      if (exitCode !== undefined) process.exit(EXIT_CODES[name]); // a second signal: stop now
      exitCode = EXIT_CODES[name];
      notify(name);
      controller.abort();
    };
    process.on(name, handler);
    return () => process.off(name, handler);
  });
  return {
    signal: controller.signal,
    get exitCode() {
      return exitCode;
    },
    dispose: () => handlers.forEach((off) => off()),
  };
}
