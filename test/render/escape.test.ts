/** The one text escaping and the one Markdown escaping, on any string. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { escapeMarkdown, escapeText, jsonText, shellWord } from '../../src/render/escape.js';

const RAW = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}\u3164]|##\[/u;

describe('escapeText', () => {
  it.each([
    ['plain', 'plain'],
    ['a\nb', 'a\\u000ab'],
    ['\u001b[2J', '\\u001b[2J'],
    ['::error::x', '\\u003a:error::x'],
    ['  ::add-mask::x', '  \\u003a:add-mask::x'],
    ['a::b', 'a::b'],
    ['\u202eevil', '\\u202eevil'],
    ['\ud800', '\\ud800'],
    ['😀', '😀'],
    ['name ##[error]forged', 'name ##\\u005berror]forged'],
    ['a\u{e0041}b', 'a\\udb40\\udc41b'],
    ['\u3164', '\\u3164'],
    ['\u0600x', '\\u0600x'],
  ])('%j → %j', (text, shown) => expect(escapeText(text)).toBe(shown));

  it('leaves no raw control or format character, no ##[ and no line starting with :: for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = escapeText(text);
        expect(shown).not.toMatch(RAW);
        expect(shown.trimStart().startsWith('::')).toBe(false);
      }),
    );
  });
});

describe('jsonText', () => {
  it('writes every unprintable character as a JSON escape, and parses back to the same value, for any value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const v of [value, { [text]: text, list: [text] }]) {
          const written = jsonText(v);
          expect(written.replaceAll('\n', '')).not.toMatch(RAW); // the indentation's line breaks aside
          expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
    );
    expect(jsonText({ name: '\u009b31m\u202e' })).toBe('{\n  "name": "\\u009b31m\\u202e"\n}');
    expect(jsonText('a\u{e0041}')).toBe('"a\\udb40\\udc41"');
    expect(jsonText({ n: 'x ##[error]y' })).toBe('{\n  "n": "x ##\\u005berror]y"\n}');
    expect(JSON.parse(jsonText({ n: 'x ##[error]y' }))).toEqual({ n: 'x ##[error]y' });
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['see #123', 'see #&#8203;123'],
    ['GH-12', 'GH&#8203;-12'],
    ['@octocat', '@&#8203;octocat'],
    ['https://x.example', 'https&#8203;://x.example'],
    ['www.x.example', 'www&#8203;.x.example'],
    ['# title', '&#35; title'],
    ['1. item', '1&#46; item'],
    ['<b>|*_`[x](y)', '&#60;b&#62;&#124;&#42;&#95;&#96;&#91;x&#93;(y)'],
    ['$x$', '&#36;x&#36;'],
    ['a\n::error::x', 'a&#92;u000a::error::x'],
  ])('%j → %j', (text, shown) => expect(escapeMarkdown(text)).toBe(shown));

  it('never lets a raw Markdown or HTML character, a reference, a mention or a line break through', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = escapeMarkdown(text);
        expect(shown).not.toMatch(RAW);
        const bare = shown.replace(/&#8203;/g, '\u200b').replace(/&#\d+;/g, '');
        expect(bare).not.toMatch(/[<>|*_`[\]\\~&]|#\d|@(?!\u200b)|https?:\/\//i);
      }),
    );
  });
});

describe('shellWord', () => {
  /** What bash reads the word back as. */
  const readBack = (word: string) => execFileSync('bash', ['-c', `printf %s ${word}`], { encoding: 'utf8' });

  it('is read back by the shell as the text, whatever it holds, and is printable', () => {
    const texts = [
      'licenses/plain.json',
      "licenses/it's here.json",
      'licenses/\u001b[2Jansi.json',
      'licenses/new\nline.json',
      '/tmp/my plan;rm -rf ~.json',
      'licenses/\u202eevil\\back.json',
      '$(touch pwned)`x`.json',
      '=ls',
      '::warning::x.json',
      'a\u200bb\u0085c.json',
    ];
    for (const text of texts) {
      const word = shellWord(text);
      expect(escapeText(word), word).toBe(word);
      expect(readBack(word)).toBe(text);
    }
  });

  it('is read back the same in the C locale, where \\u escapes are not UTF-8', () => {
    const text = 'licenses/a\u200bb\u202ec.json';
    const word = shellWord(text);
    const back = execFileSync('bash', ['-c', `printf %s ${word}`], { env: { ...process.env, LC_ALL: 'C' } });
    expect(back.toString('utf8')).toBe(text);
  });

  it('holds for any text without NUL (which no path or argument can hold)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 12 }).filter((t) => !t.includes('\0') && !/[\ud800-\udfff]/.test(t)),
        (text) => {
          const word = shellWord(text);
          expect(escapeText(word)).toBe(word);
          expect(readBack(word)).toBe(text);
        },
      ),
      { numRuns: 40 },
    );
  });
});
