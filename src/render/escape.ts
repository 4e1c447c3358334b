/**
 * The one way text from outside (file names, names in patch paths, values,
 * service messages, refs) is made printable. `escapeText` is for every text
 * output: the terminal, CI logs, errors. `escapeMarkdown` is for Markdown (job
 * summaries, pull-request comments, issues) and builds on it.
 *
 * Both are applied when output is rendered, never to data: the JSON plan keeps
 * the real values (`jsonText` writes them as JSON escapes).
 */

/**
 * Characters that could garble, hide or forge a line: C0 and C1 controls, DEL,
 * line and paragraph separators, every format character (bidi overrides and
 * isolates, zero-width characters, the invisible TAG letters U+E0000–E007F),
 * the blank fillers that render as nothing (U+034F, U+115F, U+1160, U+17B4,
 * U+17B5, U+3164, U+FFA0), and lone surrogates (with the `u` flag a paired one
 * is one character, never matched).
 */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\ud800-\udfff]/gu;

/** Each UTF-16 unit of `c` as `\uXXXX` (a character beyond U+FFFF as its two surrogates, as JSON writes it). */
function unicodeEscape(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/**
 * Text safe to print on one line of a terminal or a CI log: unprintable
 * characters are shown as `\uXXXX` (a newline as `\u000a`), so what a user reads is what
 * the data holds and no data can start a new line; and a value that starts
 * with `::` (after blanks) has its first colon shown as `\u003a`, so even a
 * value printed at the start of a line can't be read as a GitHub Actions
 * workflow command (the runner trims leading blanks before looking for `::`);
 * nor can the runner's older form, `##[command]`, which it finds anywhere in a
 * line (its `[` is shown as `\u005b`).
 */
export function escapeText(text: string): string {
  const shown = text.replace(UNPRINTABLE, unicodeEscape).replace(/##\[/g, '##\\u005b');
  return shown.replace(/^(\s*)::/, '$1\\u003a:');
}

/**
 * `value` as indented JSON with every unprintable character \u-escaped (JSON.stringify
 * leaves C1 controls, bidi overrides and separators raw): the same values when parsed,
 * nothing a terminal acts on when the file is printed.
 */
export function jsonText(value: unknown): string {
  // Outside strings there are only the line breaks of the indentation; inside, JSON.stringify escaped C0.
  const escape = (c: string) => (c < ' ' ? c : unicodeEscape(c));
  // `##[` occurs only inside strings, where `\u005b` parses back to `[`: no runner command either.
  return JSON.stringify(value, null, 2).replace(UNPRINTABLE, escape).replace(/##\[/g, '##\\u005b');
}

/**
 * What Markdown, HTML or GitHub would act on: characters with a Markdown or
 * HTML meaning, `#123` cross-references, `GH-123`, `@mentions` (and e-mail
 * autolinks), and bare `http://`, `https://`, `ftp://` and `www.` autolinks.
 */
const MARKDOWN = /[&<>"'|*_`[\]\\~!$]|#(?=\d)|@|\b(?:https?|ftp)(?=:\/\/)|\bwww(?=\.)|\bGH(?=-\d)/gi;

/** Marks that mean something only at the start of a line: headings, lists, quotes, setext underlines. */
const LINE_START = /^(?:[-+#>=]|\d+[.)])/;

/**
 * Text safe anywhere inline in GitHub-flavoured Markdown (a table cell, a
 * `<summary>`, a list item, a heading): escaped as by `escapeText`, then each
 * character Markdown or HTML would act on becomes an entity, and references,
 * mentions and autolinks are broken by a zero-width space, so nothing in the
 * data can format, link, notify or close anything.
 */
export function escapeMarkdown(text: string): string {
  const shown = escapeText(text);
  const start = LINE_START.exec(shown)?.[0] ?? '';
  const rest = shown.slice(start.length);
  const head = start === '' ? '' : start.slice(0, -1) + entity(start.at(-1)!);
  return (
    head +
    rest.replace(MARKDOWN, (match) =>
      match.length === 1 && match !== '#' && match !== '@' ? entity(match) : `${match}&#8203;`,
    )
  );
}

function entity(c: string): string {
  return `&#${c.charCodeAt(0)};`;
}

/** Inline code that survives any content. */
export function code(text: string): string {
  return `<code>${escapeMarkdown(text)}</code>`;
}

/** A link to `url`, escaped for the attribute; `text` is Markdown already made safe. */
export function link(url: string, text: string): string {
  return `<a href="${url.replace(/[&<>"']/g, entity)}">${text}</a>`;
}

/**
 * A word a POSIX shell (bash, zsh) reads back as `text`, and printable: bare when plain,
 * single-quoted when it holds only printable characters, else ANSI-C quoted (`$'…'`)
 * with each unprintable character as an escape, so a command printed for copying runs.
 */
export function shellWord(text: string): string {
  // Not bare with a leading `=` (zsh expands `=cmd`) or `:` (escapeText marks a leading `::`).
  if (/^[\w./@+-][\w./@+=:-]*$/.test(text)) return text;
  if (!new RegExp(UNPRINTABLE.source, 'u').test(text)) return `'${text.replace(/'/g, `'\\''`)}'`;
  // Each as its UTF-8 bytes: `\u` escapes depend on the shell's locale.
  const escaped = text
    .replace(/[\\']/g, '\\$&')
    .replace(UNPRINTABLE, (c) =>
      [...Buffer.from(c, 'utf8')].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join(''),
    );
  return `$'${escaped}'`;
}
