/** `license-gitops validate`: schema and rules only, no network. */
import { errorsJson } from '../render/json.js';
import { readManifestDir } from '../manifests/source.js';
import type { SourceSet } from '../run/pipeline.js';
import { validate } from '../run/validate.js';
import { log, reportErrors, writeJson, type CommonArgs, type Io } from './context.js';

export async function validateCommand(args: CommonArgs, io: Io): Promise<number> {
  // Without --ref there is nothing to ask git: read the files (and start faster).
  if (!args.ref) return validateDir(args, io);
  // Git (and its library) is loaded only for --ref.
  const { loadSources } = await import('./load-sources.js');
  return report(await loadSources(args), args, io);
}

/** `validate` of the working tree: the files only, no git (the whole of main.ts's quick path). */
export async function validateDir(args: CommonArgs, io: Io): Promise<number> {
  return report(await readManifestDir(args.dir), args, io);
}

function report(set: SourceSet, args: CommonArgs, io: Io): number {
  const result = validate(set);
  if (!result.ok) {
    reportErrors(io, result.errors);
    if (args.json) writeJson(io, errorsJson(result.errors));
    return 1;
  }
  const count = result.manifests.length;
  const templates = result.templates.length;
  const also = templates > 0 ? ` (and ${templates} product ${templates === 1 ? 'template' : 'templates'})` : '';
  if (args.json) writeJson(io, { formatVersion: 1, valid: true, errors: [], manifests: count, templates });
  else io.stdout.write(`${count} ${count === 1 ? 'manifest' : 'manifests'} valid in ${args.dir}${also}\n`);
  if (count === 0) log(io, `warning: no manifests found under ${args.dir}`);
  return 0;
}
