import { describe, expect, it } from 'vitest';
import { parseManifest } from '../../src/manifests/parse.js';
import { validateManifests } from '../../src/manifests/validate.js';
import type { ErrorCode } from '../../src/reconcile/errors.js';
import { summary, textAt } from './helpers.js';

const file = 'licenses/x.json';
const parse = (text: string) => parseManifest({ file, text });

interface Rejection {
  name: string;
  text: string;
  code: ErrorCode;
  fragment: string;
  line: number;
  column: number;
  /** What the text at line:column starts with (after a BOM, if any, is removed). */
  at?: string;
}

// Each of these stops parsing: exactly one error, at the place an editor should jump to.
const fatal: Rejection[] = [
  { name: 'empty file', text: '', code: 'MANIFEST_SYNTAX', fragment: 'the file is empty', line: 1, column: 1 },
  {
    name: 'only whitespace',
    text: '\n\n  ',
    code: 'MANIFEST_SYNTAX',
    fragment: 'the file is empty',
    line: 3,
    column: 3,
  },
  {
    name: 'truncated',
    text: '{\n  "Status": "AVAIL',
    code: 'MANIFEST_SYNTAX',
    fragment: 'unterminated string',
    line: 2,
    column: 13,
    at: '"AVAIL',
  },
  {
    name: 'truncated after a value',
    text: '{\n  "Status": "AVAILABLE",\n  "Issuer": {',
    code: 'MANIFEST_SYNTAX',
    fragment: 'unexpected end of file (truncated?)',
    line: 3,
    column: 14,
  },
  {
    name: 'trailing comma in object',
    text: '{\n  "a": 1,\n}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'trailing comma before "}"',
    line: 2,
    column: 9,
    at: ',',
  },
  {
    name: 'trailing comma in array',
    text: '{"a": [1, 2, ]}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'trailing comma before "]"',
    line: 1,
    column: 12,
    at: ',',
  },
  {
    name: 'single quotes',
    text: "{'a': 1}",
    code: 'MANIFEST_SYNTAX',
    fragment: `unexpected "'a'"`,
    line: 1,
    column: 2,
  },
  {
    name: 'line comment',
    text: '{\n  // owner: team-a\n  "a": 1\n}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'comments are not allowed',
    line: 2,
    column: 3,
    at: '//',
  },
  {
    name: 'block comment',
    text: '{"a": /* x */ 1}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'comments are not allowed',
    line: 1,
    column: 7,
  },
  {
    name: 'content after the object',
    text: '{"a": 1}\n{"b": 2}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'after the end',
    line: 2,
    column: 1,
  },
  {
    name: 'missing colon',
    text: '{"a" 1}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'expected ":"',
    line: 1,
    column: 6,
    at: '1',
  },
  {
    name: 'missing comma',
    text: '{"a": 1\n "b": 2}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'expected ","',
    line: 2,
    column: 2,
    at: '"b"',
  },
  {
    name: 'raw newline in string',
    text: '{"a": "x\ny"}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'unterminated string',
    line: 1,
    column: 7,
  },
  {
    name: 'raw tab in string',
    text: '{"a": "x\ty"}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'control character in string',
    line: 1,
    column: 7,
  },
  {
    name: 'bad escape',
    text: '{"a": "\\q"}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'invalid escape sequence',
    line: 1,
    column: 7,
  },
  {
    name: 'bad unicode escape',
    text: '{"a": "\\u12"}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'invalid \\u escape',
    line: 1,
    column: 7,
  },
  { name: 'NaN', text: '{"a": NaN}', code: 'MANIFEST_SYNTAX', fragment: 'unexpected "NaN"', line: 1, column: 7 },
  { name: 'leading zero', text: '{"a": 01}', code: 'MANIFEST_SYNTAX', fragment: 'expected ","', line: 1, column: 8 },
  {
    name: 'non-breaking space',
    text: '\u00a0{}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'unexpected "\u00a0"',
    line: 1,
    column: 1,
  },
  {
    name: 'binary garbage',
    text: '\u0000\u0001\ufffd',
    code: 'MANIFEST_SYNTAX',
    fragment: 'unexpected',
    line: 1,
    column: 1,
  },
  {
    name: 'top level array',
    text: '[]',
    code: 'MANIFEST_SCHEMA',
    fragment: 'must be a JSON object {...}, not an array',
    line: 1,
    column: 1,
  },
  {
    name: 'top level string',
    text: '\n  "licenses"',
    code: 'MANIFEST_SCHEMA',
    fragment: 'not a string',
    line: 2,
    column: 3,
  },
  { name: 'top level null', text: 'null', code: 'MANIFEST_SCHEMA', fragment: 'not a null', line: 1, column: 1 },
  {
    name: 'deep arrays',
    text: '['.repeat(100_000),
    code: 'MANIFEST_SYNTAX',
    fragment: 'deeper than 64 levels',
    line: 1,
    column: 65,
  },
  {
    name: 'deep objects',
    text: '{"a":'.repeat(100_000),
    code: 'MANIFEST_SYNTAX',
    fragment: 'deeper than 64 levels',
    line: 1,
    column: 321,
  },
  {
    name: 'deep but well-formed',
    text: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`,
    code: 'MANIFEST_SYNTAX',
    fragment: 'deeper than 64 levels',
    line: 1,
    column: 69,
  },
];

describe('parseManifest rejects malformed text with one positioned error', () => {
  it.each(fatal)('$name', ({ text, code, fragment, line, column, at }) => {
    const { value, errors } = parse(text);
    expect(value).toBeUndefined();
    expect(summary(errors)).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, file, line, column });
    expect(errors[0]?.message).toContain(fragment);
    if (at) expect(textAt(text, errors[0]!)).toMatch(new RegExp(`^${at.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });
});

// Well-formed JSON that JSON.parse would accept silently: reported, and parsing goes on.
const reported: Rejection[] = [
  {
    name: 'duplicate key',
    text: '{\n  "a": 1,\n  "a": 2\n}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'duplicate member "a" (first at 2:3)',
    line: 3,
    column: 3,
    at: '"a"',
  },
  {
    name: 'duplicate key, CRLF',
    text: '{\r\n  "a": 1,\r\n  "a": 2\r\n}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'duplicate member "a"',
    line: 3,
    column: 3,
  },
  {
    name: 'duplicate key, lone CR',
    text: '{\r  "a": 1,\r  "a": 2\r}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'duplicate member "a"',
    line: 3,
    column: 3,
  },
  {
    name: 'duplicate key spelled with an escape',
    text: '{"a": 1, "\\u0061": 2}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'duplicate member "a"',
    line: 1,
    column: 10,
  },
  {
    name: 'nested duplicate key',
    text: '{"Issuer": {"Name": "a", "Name": "b"}}',
    code: 'MANIFEST_SYNTAX',
    fragment: '/Issuer: duplicate member "Name" (first at 1:13)',
    line: 1,
    column: 26,
  },
  {
    name: 'number past 2^53',
    text: '{"n": 9007199254740992}',
    code: 'MANIFEST_SYNTAX',
    fragment: '/n 9007199254740992 is too large',
    line: 1,
    column: 7,
  },
  {
    name: 'number that overflows to Infinity',
    text: '{"n": [1e400]}',
    code: 'MANIFEST_SYNTAX',
    fragment: '/n/0 1e400 is too large',
    line: 1,
    column: 8,
  },
  {
    name: 'large negative number',
    text: '{"n": -1e17}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'is too large',
    line: 1,
    column: 7,
  },
  {
    name: 'byte order mark',
    text: '\ufeff{"a": 1}',
    code: 'MANIFEST_SYNTAX',
    fragment: 'byte order mark (BOM)',
    line: 1,
    column: 1,
    at: '{',
  },
];

describe('parseManifest reports what JSON.parse would accept silently', () => {
  it.each(reported)('$name', ({ text, code, fragment, line, column, at }) => {
    const { value, errors } = parse(text);
    expect(value).toBeTypeOf('object');
    expect(summary(errors)).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, file, line, column });
    expect(errors[0]?.message).toContain(fragment);
    if (at) expect(textAt(text.replace(/^\ufeff/, ''), errors[0]!)).toMatch(new RegExp(`^${at}`));
  });

  it('keeps the last of duplicate keys, as the positions do', () => {
    expect(parse('{"a": 1, "a": 2}').value).toEqual({ a: 2 });
  });

  it('accepts the largest safe integer and 64 levels of nesting', () => {
    const text = `{"n": 9007199254740991, "d": ${'['.repeat(63)}${']'.repeat(63)}}`;
    expect(parse(text).errors).toEqual([]);
  });

  it('keeps a "__proto__" key as data, never as a prototype', () => {
    for (const text of ['{"__proto__": {"polluted": 1}}', '\ufeff{"__proto__": {"polluted": 1}}']) {
      const value = parse(text).value!;
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      expect(Object.keys(value)).toEqual(['__proto__']);
      expect((value as { polluted?: number }).polluted).toBeUndefined();
    }
  });

  it('counts positions after a BOM as an editor shows them (the BOM takes no column)', () => {
    const { errors } = validateManifests([{ file, text: '\ufeff{"Status": 5}' }]);
    const status = errors.find((e) => e.message.startsWith('/Status'));
    expect(status).toMatchObject({ line: 1, column: 12 });
  });
});
