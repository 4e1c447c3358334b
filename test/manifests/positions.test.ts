import fc from 'fast-check';
import { parseTree } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import {
  createLocator,
  lineStarts,
  nodeAtPointer,
  pointerSegments,
  positionAt,
} from '../../src/manifests/positions.js';
import { toPointer } from '../../src/manifests/messages.js';

/** The obvious, slow way: walk the text counting line breaks. */
function naivePosition(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] !== '\n')) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

describe('positionAt', () => {
  it('handles LF, CRLF and lone CR', () => {
    const text = 'a\nbc\r\nd\re';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 2, 6, 8]);
    expect(positionAt(starts, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(starts, 3)).toEqual({ line: 2, column: 2 });
    expect(positionAt(starts, 6)).toEqual({ line: 3, column: 1 });
    expect(positionAt(starts, 9)).toEqual({ line: 4, column: 2 });
    expect(positionAt(starts, text.length)).toEqual({ line: 4, column: 2 });
  });

  it('agrees with a naive count for any text and offset', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n', 'é', '😀', ' ') });
    fc.assert(
      fc.property(text, fc.nat(), (t, n) => {
        const offset = t.length === 0 ? 0 : n % (t.length + 1);
        // Between the \r and \n of a CRLF is not a real position; skip it.
        fc.pre(!(t[offset - 1] === '\r' && t[offset] === '\n'));
        expect(positionAt(lineStarts(t), offset)).toEqual(naivePosition(t, offset));
      }),
    );
  });
});

describe('pointers', () => {
  it('unescapes ~1 and ~0, and maps array indices', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/a~1b/~0c/0')).toEqual(['a/b', '~c', '0']);
    const text = '{"a/b": {"~c": [10, 20]}}';
    const root = parseTree(text)!;
    expect(nodeAtPointer(root, '/a~1b/~0c/1').offset).toBe(text.indexOf('20'));
  });

  it('falls back to the deepest existing ancestor', () => {
    const text = '{"a": {"b": [1]}}';
    const locator = createLocator(text, parseTree(text));
    expect(locator.value('/a/missing')).toEqual({ line: 1, column: 7 });
    expect(locator.value('/a/b/5')).toEqual({ line: 1, column: 13 });
    expect(locator.value('/a/b/01')).toEqual({ line: 1, column: 13 });
  });

  it('locates keys and values apart', () => {
    const text = '{\n  "Status": "X"\n}';
    const locator = createLocator(text, () => parseTree(text));
    expect(locator.key('/Status')).toEqual({ line: 2, column: 3 });
    expect(locator.value('/Status')).toEqual({ line: 2, column: 13 });
  });

  it('points every leaf of any pretty-printed document at its own text', () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const doc = fc.dictionary(
      fc.string(),
      fc.oneof(leaf, fc.array(leaf, { maxLength: 3 }), fc.dictionary(fc.string(), leaf, { maxKeys: 3 })),
    );
    fc.assert(
      fc.property(doc, fc.constantFrom(0, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const locator = createLocator(text, parseTree(text));
        const lines = text.split('\n');
        for (const [path, expected] of leaves(value)) {
          const { line, column } = locator.value(toPointer(path));
          expect(lines[line - 1]?.slice(column - 1).startsWith(JSON.stringify(expected))).toBe(true);
        }
      }),
    );
  });
});

function leaves(value: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  if (value === null || typeof value !== 'object') return [[path, value]];
  return Object.entries(value).flatMap(([key, item]) =>
    leaves(item, [...path, Array.isArray(value) ? Number(key) : key]),
  );
}
