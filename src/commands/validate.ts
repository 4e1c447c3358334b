/** `license-gitops validate`: schema and rules only, no network. */
import { readManifestDir } from '../manifests/source.js';
import type { SourceSet } from '../run/pipeline.js';
import { validate } from '../run/validate.js';
import { expiryReport } from '../reconcile/expiry.js';
import { expiringFailure, expiryText } from '../render/expiry.js';
import { fail, log, printReport, type CommonArgs, type Io } from './context.js';
import { windowFor, type ExpiryArgs } from './expiry.js';
import { escapeText } from '../render/escape.js';

type ValidateArgs = CommonArgs & ExpiryArgs;

export async function validateCommand(args: ValidateArgs, io: Io): Promise<number> {
  // Without --ref there is nothing to ask git: read the files (and start faster).
  // Git (and its library) is loaded only for --ref.
  const set: SourceSet = args.ref
    ? await (await import('./load-sources.js')).loadSources(args)
    : await readManifestDir(args.dir);
  const window = windowFor(args, io);
  if (!window) return 1;
  const result = validate(set);
  if (!result.ok) return fail(io, args, result.errors);
  const count = result.manifests.length;
  const templates = result.templates.length;
  const also = templates > 0 ? ` (and ${templates} product ${templates === 1 ? 'template' : 'templates'})` : '';
  const expiry = expiryReport(result.manifests, window);
  const json = { formatVersion: 1, valid: true, errors: [], manifests: count, templates, expiry };
  printReport(io, args, json, (paint) => {
    const valid = `${count} ${count === 1 ? 'manifest' : 'manifests'} valid in ${escapeText(args.dir)}${also}\n`;
    const expiring = expiryText(expiry, paint);
    return expiring ? `${valid}\n${expiring}` : valid;
  });
  if (count === 0) log(io, `warning: no manifests found under ${escapeText(args.dir)}`);
  if (args.failOnExpiring && expiry.licenses.length > 0) {
    log(io, expiringFailure(expiry));
    return 1;
  }
  return 0;
}
