/** Validating a set of manifests: the pipeline's first step, in a module of its own so `validate` loads nothing else. */
import type { LicenseError } from '../reconcile/errors.js';
import type { Manifest } from '../reconcile/types.js';
import { validateManifests, type TemplateFile } from '../manifests/validate.js';
import type { SourceSet } from './pipeline.js';

export type Validated =
  { ok: true; manifests: Manifest[]; templates: TemplateFile[] } | { ok: false; errors: LicenseError[] };

/** Load and validate: every problem in every file, or the manifests. */
export function validate(set: SourceSet): Validated {
  const { manifests, errors, templates } = validateManifests(set.sources);
  const all = [...set.errors, ...errors];
  return all.length > 0 ? { ok: false, errors: all } : { ok: true, manifests, templates };
}
