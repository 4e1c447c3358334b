/**
 * `license-gitops show-rendered FILE`: the license a manifest declares, as plan
 * compares it: its product template (`$template`) merged under it, `$schema`
 * left out. No network. With --ref, the files as committed there.
 */
import path from 'node:path';
import { readManifestDir } from '../manifests/source.js';
import { validateManifests } from '../manifests/validate.js';
import { licenseError } from '../reconcile/errors.js';
import { escapeText } from '../render/escape.js';
import type { SourceSet } from '../run/pipeline.js';
import { fail, writeJson, type CommonArgs, type Io } from './context.js';

export interface ShowRenderedArgs extends CommonArgs {
  file: string;
}

export async function showRenderedCommand(args: ShowRenderedArgs, io: Io): Promise<number> {
  const set: SourceSet = args.ref
    ? await (await import('./load-sources.js')).loadSources(args)
    : await readManifestDir(args.dir);
  const file = path.relative(process.cwd(), path.resolve(args.file)) || args.file;
  const { manifests, errors, templates } = validateManifests(set.sources);
  const own = [...set.errors, ...errors].filter((e) => e.file === undefined || samePath(e.file, file));
  const manifest = manifests.find((m) => samePath(m.file, file));
  if (own.length > 0) return fail(io, args, own);
  if (!manifest) {
    const message = templates.some((t) => samePath(t.file, file))
      ? 'is a product template, not a license; name a manifest whose $template is it'
      : `is not a manifest under ${escapeText(args.dir)}; name one of its files`;
    return fail(io, args, [licenseError('USAGE', message, { file })]);
  }
  writeJson(io, manifest.document);
  return 0;
}

function samePath(a: string, b: string): boolean {
  return path.normalize(a) === path.normalize(b);
}
