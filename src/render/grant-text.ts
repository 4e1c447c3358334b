/**
 * How a grant step (and a tag step) reads in the Terraform-style plan: a block under its
 * license's file, `+`/`~`/`-`/`!`/`#` as for licenses, with the grant's name,
 * its ARN and pin, the grantee's side, and the `/Grants/<name>/…` lines.
 */
import { formatError } from '../reconcile/errors.js';
import type { GrantStep, TagStep } from '../reconcile/types.js';
import { escapeText } from './escape.js';
import type { Paint } from './style.js';

/** The block for one grant step; `lines` renders its patch operations. */
export function renderGrantStep(step: GrantStep, paint: Paint, lines: (step: GrantStep) => string[]): string {
  const title = `${paint('bold', escapeText(step.file))}: grant ${escapeText(step.grant.name || '(all)')}`;
  const note = step.note ? [`    ${step.action === 'noop' ? 'note: ' : ''}${escapeText(step.note)}`] : [];
  const pinned = escapeText(`${step.grant.arn ?? ''} (pinned to version ${step.sourceVersion ?? '?'})`);
  switch (step.action) {
    case 'error': {
      const why = step.error
        ? escapeText(formatError({ ...step.error, file: undefined, licenseArn: undefined }))
        : 'error';
      return [`${paint('red', '!')} ${title}`, `    ${why}`].join('\n');
    }
    case 'create':
      return [`${paint('green', '+')} ${title}`, `    ${grantCreateLine(step)}`, ...lines(step)].join('\n');
    case 'update':
      return [`${paint('yellow', '~')} ${title}`, `    ${pinned}`, ...adopted(step), ...note, ...lines(step)].join(
        '\n',
      );
    case 'delete':
      return [`${paint('red', '-')} ${title}`, `    ${pinned}: DeleteGrant (--prune)`, ...note, ...lines(step)].join(
        '\n',
      );
    case 'noop':
      return [`${paint('dim', step.adopted ? '~' : '#')} ${title}`, ...adopted(step), ...note].join('\n');
  }
}

/** What a grant's create step will do, in words. */
export function grantCreateLine(step: GrantStep): string {
  const principal = step.grant.entry?.Principals[0] ?? '';
  const license = step.licenseArn === '' ? 'the new license, once created' : 'the license';
  return escapeText(
    `CreateGrant of ${license} to ${principal} in ${step.desired.HomeRegion}; apply writes its GrantArn into the manifest`,
  );
}

function adopted(step: GrantStep): string[] {
  if (!step.adopted) return [];
  return [
    `    ${escapeText(step.grant.arn ?? '')}: a grant of this name and principal exists, but its GrantArn never reached git; adopted (apply writes the GrantArn into the manifest)`,
  ];
}

/** The block for one tag step: the tagged resource, and a `/Tags/<Key>` line per change. */
export function renderTagStep(step: TagStep, paint: Paint, lines: (step: TagStep) => string[]): string {
  const whose = step.tags.grant === undefined ? 'tags' : `grant ${escapeText(step.tags.grant)} tags`;
  const title = `${paint('bold', escapeText(step.file))}: ${whose}`;
  if (step.action === 'error') {
    const why = step.error
      ? escapeText(formatError({ ...step.error, file: undefined, licenseArn: undefined }))
      : 'error';
    return [`${paint('red', '!')} ${title}`, `    ${why}`].join('\n');
  }
  const how = `${escapeText(step.tags.arn)} (TagResource / UntagResource; tags have no version, so apply reads them again right before it writes)`;
  return [`${paint('yellow', '~')} ${title}`, `    ${how}`, ...lines(step)].join('\n');
}
