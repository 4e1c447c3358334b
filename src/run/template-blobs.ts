/**
 * Which product templates a plan's licenses are rendered from, each named by
 * the git blob of its text. A saved plan records them beside its configuration's
 * blob; apply refuses the plan when a template it used is not, at the commit (or
 * in the working tree) it is checked against, exactly the blob it was.
 */
import { blobId } from '../git/blobs.js';
import type { ManifestSource } from '../manifests/source.js';
import type { Manifest, TemplateBlob } from '../reconcile/types.js';

/** The templates `manifests` name, sorted by file, with their blobs (`commit` picks the object format). */
export function templateBlobs(
  manifests: readonly Manifest[],
  sources: readonly ManifestSource[],
  commit?: string,
): TemplateBlob[] {
  const used = new Set(manifests.flatMap((m) => (m.template === undefined ? [] : [m.template])));
  const texts = new Map(sources.map((s) => [s.file, s.text]));
  return [...used].sort().flatMap((file) => {
    const text = texts.get(file);
    return text === undefined ? [] : [{ file, blob: blobId(text, commit) }];
  });
}

/**
 * Why the templates used now are not those the saved plan recorded, as a clause
 * after the plan file's name, or undefined when they are the same.
 */
export function templateChange(
  saved: readonly TemplateBlob[],
  now: readonly TemplateBlob[],
  where: string,
): string | undefined {
  const current = new Map(now.map((t) => [t.file, t.blob]));
  const recorded = new Set(saved.map((t) => t.file));
  for (const { file, blob } of saved) {
    const found = current.get(file);
    if (found === blob) continue;
    const made = `was made with template ${file} at blob ${blob}`;
    if (!found) return `${made}, but in ${where} no license it planned is rendered from it`;
    return `${made}, but ${where} has it at blob ${found}, so the licenses rendered from it may differ`;
  }
  const unrecorded = now.find((t) => !recorded.has(t.file));
  if (unrecorded)
    return `records no template ${unrecorded.file}, but in ${where} licenses it planned are rendered from it`;
  return undefined;
}
