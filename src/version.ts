/**
 * The package version: inlined by the bundler (scripts/bundle-cli.mjs), else
 * read from package.json next to `src/` or `lib/`.
 */
import { readFileSync } from 'node:fs';

declare const __LICENSE_GITOPS_VERSION__: string | undefined;

export const VERSION: string =
  typeof __LICENSE_GITOPS_VERSION__ === 'string'
    ? __LICENSE_GITOPS_VERSION__
    : (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
