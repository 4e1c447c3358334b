/**
 * configChange(): which writes a change of the configuration since a base
 * brings. Prune brings deletes, an ignore rule brings the updates of the
 * manifests it covers, a moved directory or an unreadable base brings every
 * write; settings that decide nothing about the steps bring none.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configChange } from '../../src/config/change.js';
import type { Config } from '../../src/config/load.js';

const cwd = '/repo';
const config = (extra: Partial<Config> = {}): Config => ({
  file: path.join(cwd, 'license-gitops.json'),
  ignore: [],
  ignoreFiles: [],
  ...extra,
});
const change = (before: Config | undefined, after: Config) => configChange(before, after, 'license-gitops.json', cwd);

describe('configChange', () => {
  it('is undefined when nothing that matters differs', () => {
    expect(change(config({ prune: false }), config({ prune: false }))).toBeUndefined();
    expect(change(config({ ignore: ['/A'] }), config({ ignore: ['/A'] }))).toBeUndefined();
  });

  it('prune turned on or off brings deletes only', () => {
    const turned = change(config(), config({ prune: true }))!;
    expect(turned.members).toEqual(['prune']);
    expect(turned.brings('licenses/a.json', 'delete')).toBe(true);
    expect(turned.brings('licenses/a.json', 'update')).toBe(false);
    expect(turned.brings('licenses/a.json', 'create')).toBe(false);
  });

  it('an ignore rule brings the updates of the files it covers, whether added or dropped', () => {
    const rule = { files: ['licenses/acme-*.json'], pointers: ['/LicenseMetadata/LastAudit'] };
    for (const [before, after] of [
      [config({ ignoreFiles: [rule] }), config()],
      [config(), config({ ignoreFiles: [rule] })],
    ] as const) {
      const dropped = change(before, after)!;
      expect(dropped.members).toEqual(['ignore']);
      expect(dropped.brings('licenses/acme-pro.json', 'update')).toBe(true);
      expect(dropped.brings('licenses/initech.json', 'update')).toBe(false);
      expect(dropped.brings('licenses/acme-pro.json', 'delete')).toBe(false);
    }
    // A global rule covers every file; the same pointers in another order change nothing.
    expect(change(config(), config({ ignore: ['/A'] }))!.brings('x.json', 'update')).toBe(true);
    expect(change(config({ ignore: ['/A', '/B'] }), config({ ignore: ['/B', '/A'] }))!.brings('x.json', 'update')).toBe(
      false,
    );
  });

  it('a moved directory, or a base without a readable configuration, brings every write', () => {
    const moved = change(config({ directory: '/repo/a' }), config({ directory: '/repo/b' }))!;
    expect(moved.members).toEqual(['directory']);
    for (const action of ['create', 'update', 'delete'] as const) expect(moved.brings('x.json', action)).toBe(true);
    const unreadable = change(undefined, config())!;
    expect(unreadable.brings('x.json', 'update')).toBe(true);
  });

  it('settings that decide no step are named but bring no write', () => {
    const paced = change(config({ concurrency: 2, maxChanges: 1 }), config({ concurrency: 5, maxChanges: 9 }))!;
    expect(paced.members).toEqual(['maxChanges', 'concurrency']);
    for (const action of ['create', 'update', 'delete'] as const) expect(paced.brings('x.json', action)).toBe(false);
  });
});
