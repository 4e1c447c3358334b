import { describe, expect, it } from 'vitest';
import { blobId } from '../../src/git/blobs.js';
import { templateBlobs, templateChange } from '../../src/run/template-blobs.js';
import type { Manifest } from '../../src/reconcile/types.js';

const manifest = (file: string, template?: string): Manifest =>
  ({ file, document: { HomeRegion: 'us-east-1' }, ...(template ? { template } : {}) }) as Manifest;

describe('template blobs', () => {
  it('names each template the manifests use once, sorted, by the git blob of its text', () => {
    const sources = [
      { file: 'licenses/p/b.json', text: '{"Issuer":{}}\n' },
      { file: 'licenses/p/a.json', text: '{}\n' },
      { file: 'licenses/x.json', text: '{}' },
    ];
    const manifests = [
      manifest('licenses/x.json', 'licenses/p/b.json'),
      manifest('licenses/y.json', 'licenses/p/a.json'),
      manifest('licenses/z.json', 'licenses/p/b.json'),
      manifest('licenses/w.json'),
    ];
    expect(templateBlobs(manifests, sources)).toEqual([
      { file: 'licenses/p/a.json', blob: blobId('{}\n') },
      { file: 'licenses/p/b.json', blob: blobId('{"Issuer":{}}\n') },
    ]);
  });

  it("git's blob id of the text with LF line ends, in the commit's object format", () => {
    // `printf '{}\n' | git hash-object --stdin`
    expect(blobId('{}\n')).toBe('0967ef424bce6791893e9a57bb952f80fd536e93');
    expect(blobId('{}\r\n')).toBe(blobId('{}\n'));
    expect(blobId('{}\n', 'a'.repeat(64))).toHaveLength(64);
  });

  it('tells a changed, a dropped and an unrecorded template apart', () => {
    const a = { file: 'p/a.json', blob: '1'.repeat(40) };
    const a2 = { file: 'p/a.json', blob: '2'.repeat(40) };
    const b = { file: 'p/b.json', blob: '3'.repeat(40) };
    expect(templateChange([a, b], [b, a], 'commit c')).toBeUndefined();
    expect(templateChange([a], [a2], 'commit c')).toBe(
      `was made with template p/a.json at blob ${a.blob}, but commit c has it at blob ${a2.blob}, so the licenses rendered from it may differ`,
    );
    expect(templateChange([a, b], [b], 'the working tree')).toMatch(
      /in the working tree no license it planned is rendered from it/,
    );
    expect(templateChange([a], [a, b], 'commit c')).toBe(
      'records no template p/b.json, but in commit c licenses it planned are rendered from it',
    );
  });
});
