/**
 * How one product template's change fans out. A license rendered from a
 * template (`$template`) counts for it when its write touches a member the
 * template sets: the plan then says "products/x.json changes 212 licenses"
 * above the licenses' own diffs. Pure: over the plan's steps and the templates.
 */
import type { Manifest, PlanStep, TemplateFanOut } from './types.js';
import { isLicenseStep } from './steps.js';
import { parsePointer } from './diff.js';

export interface TemplateMembers {
  file: string;
  document: Readonly<Record<string, unknown>>;
}

export function templateFanOut(
  steps: readonly PlanStep[],
  manifests: readonly Manifest[],
  templates: readonly TemplateMembers[],
): TemplateFanOut[] {
  const templateOf = new Map(manifests.flatMap((m) => (m.template ? [[m.file, m.template] as const] : [])));
  const members = new Map(templates.map((t) => [t.file, new Set(Object.keys(t.document))]));
  const counts = new Map<string, number>();
  for (const step of steps) {
    const template = isLicenseStep(step) ? templateOf.get(step.file) : undefined;
    const sets = template === undefined ? undefined : members.get(template);
    if (!sets || (step.action !== 'update' && step.action !== 'create')) continue;
    const touched = (step.patch ?? []).some((op) => sets.has(parsePointer(op.path)?.[0] ?? ''));
    if (touched) counts.set(template!, (counts.get(template!) ?? 0) + 1);
  }
  return [...counts].map(([file, licenses]) => ({ file, licenses })).sort((a, b) => b.licenses - a.licenses);
}

/** The files of `changed` and every manifest rendered from a template in it: a template's change is theirs. */
export function withTemplateUsers(changed: ReadonlySet<string>, manifests: readonly Manifest[]): Set<string> {
  const users = manifests.filter((m) => m.template !== undefined && changed.has(m.template)).map((m) => m.file);
  return new Set([...changed, ...users]);
}
