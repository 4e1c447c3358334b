/** The expiry list, whatever a saved plan (read back by `show`) holds in it. */
import { describe, expect, it } from 'vitest';
import { expiryMarkdown, expiryText } from '../../src/render/expiry.js';
import { plain } from '../../src/render/style.js';
import type { ExpiryReport } from '../../src/reconcile/expiry.js';

const report = (end: string): ExpiryReport => ({
  days: 30,
  from: '2026-12-01T00:00:00.000Z',
  licenses: [{ file: 'licenses/a.json', licenseName: 'A', begin: '2026-01-01T00:00:00.000Z', end, daysLeft: 3 }],
});

describe('expiry', () => {
  it('shows the date of a well-formed end', () => {
    expect(expiryText(report('2026-12-04T00:00:00.000Z'), plain)).toContain('  2026-12-04  in 3 days');
  });

  it.each(['::error::forged', '\u001b[2J\u001b[31m!!', '##[warning]x'])(
    'shows no date, never the text, for an end of %j',
    (end) => {
      const text = expiryText(report(end), plain);
      expect(text).toContain('????-??-??');
      expect(text).not.toMatch(/\u001b|::error|##\[/);
      expect(expiryMarkdown(report(end))).not.toMatch(/\u001b|::error|##\[/);
    },
  );
});
