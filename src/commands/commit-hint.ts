/** After apply wrote new ARNs into manifests: the one command that commits them (the CLI never commits). */
import type { ApplyResult } from '../reconcile/outcome.js';
import { pointerName } from '../kinds/index.js';
import { shellWord } from '../render/escape.js';

/** The hint as lines, each to be printed (and escaped) on its own: a file name can't start a line. */
export function commitHint(results: readonly ApplyResult[]): string[] {
  const files = [...new Set(results.flatMap((r) => (r.recorded ? [r.recorded.file] : [])))];
  if (files.length === 0) return [];
  const quoted = files.map(shellWord).join(' ');
  const what = files.length === 1 ? 'its manifest' : 'their manifests';
  const members = [...new Set(results.flatMap((r) => (r.recorded ? [pointerName(r.recorded.pointer)] : [])))].sort();
  const names = members.join(' and ');
  const subjects = members.map((m) => (m === 'GrantArn' ? 'grants' : 'licenses')).join(' and ');
  return [
    `Wrote the new ${names} into ${what}; record it in git with:`,
    `  git commit -m "Record ${names} of new ${subjects}" -- ${quoted}`,
  ];
}
