/**
 * Markdown cut to a size limit (GitHub's for a comment or a job summary)
 * without breaking it: the cut is at a line, and a code fence or `<details>`
 * it leaves open is closed before the note that says so.
 */

/**
 * Cuts Markdown to at most `limit` bytes (UTF-8, which is never fewer than
 * GitHub's character count) at a line boundary. A code fence or `<details>`
 * left open by the cut is closed, then `note` follows. Text that fits is
 * returned unchanged.
 */
export function truncateMarkdown(markdown: string, limit: number, note: string): string {
  if (bytes(markdown) <= limit) return markdown;
  let state: BlockState = { fence: undefined, details: 0 };
  const kept: string[] = [];
  let size = 0;
  for (const line of markdown.split('\n')) {
    const next = nextState(state, line);
    // The cut text is the kept lines, the closers, a blank line and the note.
    if (size + bytes(line) + 1 + bytes(closers(next)) + bytes(note) + 2 > limit) break;
    kept.push(line);
    size += bytes(line) + 1;
    state = next;
  }
  return `${kept.join('\n')}${closers(state)}\n\n${note}\n`;
}

interface BlockState {
  /** The open code fence (its backticks), if any. */
  fence: string | undefined;
  /** `<details>` opened and not closed. */
  details: number;
}

function nextState(state: BlockState, line: string): BlockState {
  const marker = /^ {0,3}(`{3,})/.exec(line)?.[1];
  if (state.fence) {
    const closes = marker !== undefined && marker.length >= state.fence.length && line.trim() === marker;
    return { ...state, fence: closes ? undefined : state.fence };
  }
  if (marker) return { ...state, fence: marker };
  const opened = (line.match(/<details[\s>]/g) ?? []).length;
  const closed = (line.match(/<\/details>/g) ?? []).length;
  return { ...state, details: Math.max(0, state.details + opened - closed) };
}

/** What closes the blocks left open: the fence on the next line, then each `<details>` after a blank line. */
function closers(state: BlockState): string {
  return (state.fence ? `\n${state.fence}` : '') + '\n\n</details>'.repeat(state.details);
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
