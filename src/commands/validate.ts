/** `license-gitops validate`: schema and rules only, no network. */
import { validate } from '../run/pipeline.js';
import { errorsJson } from '../render/json.js';
import { readManifestDir } from '../manifests/source.js';
import { loadSources, log, reportErrors, writeJson, type CommonArgs, type Io } from './context.js';

export async function validateCommand(args: CommonArgs, io: Io): Promise<number> {
  // Without --ref there is nothing to ask git: read the files (and start faster).
  const set = args.ref ? await loadSources(args) : await readManifestDir(args.dir);
  const result = validate(set);
  if (!result.ok) {
    reportErrors(io, result.errors);
    if (args.json) writeJson(io, errorsJson(result.errors));
    return 1;
  }
  const count = result.manifests.length;
  if (args.json) writeJson(io, { formatVersion: 1, valid: true, errors: [], manifests: count });
  else io.stdout.write(`${count} ${count === 1 ? 'manifest' : 'manifests'} valid in ${args.dir}\n`);
  if (count === 0) log(io, `warning: no manifests found under ${args.dir}`);
  return 0;
}
