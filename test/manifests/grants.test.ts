/** `Grants` in a manifest: the schema and the rules, with positioned errors. */
import { describe, expect, it } from 'vitest';
import { validateManifests } from '../../src/manifests/validate.js';
import { sourceOf, textAt, validDocument } from './helpers.js';

const PRINCIPAL = 'arn:aws:iam::111122223333:root';
const GRANT_ARN = 'arn:aws:license-manager::123456789012:grant:g-0123456789abcdef0123456789abcdef';

function withGrants(grants: unknown): Record<string, unknown> {
  return { ...validDocument(), Grants: grants };
}

function errorsOf(doc: Record<string, unknown>) {
  const source = sourceOf(doc);
  const { errors } = validateManifests([source]);
  return errors.map((e) => ({ line: `${e.line}:${e.column} ${e.message}`, at: textAt(source.text, e), code: e.code }));
}

const good = {
  GrantName: 'acme-prod',
  Principals: [PRINCIPAL],
  AllowedOperations: ['CheckoutLicense', 'CheckInLicense'],
};

describe('Grants in a manifest', () => {
  it('accepts grants as CreateGrant names their members, absent Grants, and []', () => {
    const full = {
      ...good,
      GrantArn: GRANT_ARN,
      Status: 'DISABLED',
      StatusReason: 'unpaid invoice',
      Options: { ActivationOverrideBehavior: 'DISTRIBUTED_GRANTS_ONLY' },
    };
    const org = {
      GrantName: 'org',
      Principals: ['arn:aws:organizations::111122223333:organization/o-abcdef1234'],
      AllowedOperations: ['CreateToken'],
    };
    const ou = {
      GrantName: 'ou',
      Principals: ['arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12-cdef5678'],
      AllowedOperations: ['CreateToken'],
    };
    for (const doc of [withGrants([full, org, ou]), withGrants([]), validDocument()]) {
      const { errors, manifests } = validateManifests([sourceOf(doc)]);
      expect(errors).toEqual([]);
      expect(manifests[0]?.document.Grants).toEqual((doc as { Grants?: unknown }).Grants);
    }
  });

  const rejected: Array<[string, unknown, RegExp, string]> = [
    [
      'two principals',
      [{ ...good, Principals: [PRINCIPAL, 'arn:aws:iam::444455556666:root'] }],
      /\/Grants\/acme-prod\/Principals must hold exactly one item \(got 2\)/,
      '[',
    ],
    [
      'no principal',
      [{ ...good, Principals: [] }],
      /\/Grants\/acme-prod\/Principals must hold exactly one item \(got 0\)/,
      '[',
    ],
    [
      'a user, not an account',
      [{ ...good, Principals: ['arn:aws:iam::111122223333:user/bob'] }],
      /\/Grants\/acme-prod\/Principals\/0 must be a valid account, organization or organizational unit ARN, such as arn:aws:iam::111122223333:root/,
      '"arn:aws:iam::111122223333:user/bob"',
    ],
    [
      'an OU whose id is cut short',
      [{ ...good, Principals: ['arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12'] }],
      /\/Grants\/acme-prod\/Principals\/0 must be a valid account, organization or organizational unit ARN/,
      '"arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12"',
    ],
    [
      'an OU whose id is wrong at its end, shown whole',
      [{ ...good, Principals: ['arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12-cdef5678!'] }],
      /Principals\/0 must be a valid .* \(got "arn:aws:organizations::111122223333:ou\/o-abcdef1234\/ou-ab12-cdef5678!"\)/,
      '"arn:aws:organizations::111122223333:ou/o-abcdef1234/ou-ab12-cdef5678!"',
    ],
    [
      'an unknown operation',
      [{ ...good, AllowedOperations: ['CheckoutLicense', 'Fly'] }],
      /\/Grants\/acme-prod\/AllowedOperations\/1 must be one of CreateGrant, CheckoutLicense/,
      '"Fly"',
    ],
    ['no operation', [{ ...good, AllowedOperations: [] }], /AllowedOperations must hold 1 to 8 items \(got 0\)/, '['],
    [
      'an operation twice',
      [{ ...good, AllowedOperations: ['CreateToken', 'CreateToken'] }],
      /AllowedOperations must not repeat an item \("CreateToken" appears twice\)/,
      '[',
    ],
    [
      'a status only the grantee sets',
      [{ ...good, Status: 'PENDING_ACCEPT' }],
      /\/Grants\/acme-prod\/Status must be one of ACTIVE, DISABLED/,
      '"PENDING_ACCEPT"',
    ],
    [
      'an output name',
      [{ ...good, GrantedOperations: ['CreateToken'] }],
      /"GrantedOperations" is what GetGrant calls AllowedOperations/,
      '"GrantedOperations"',
    ],
    [
      'a missing name',
      [{ Principals: [PRINCIPAL], AllowedOperations: ['CreateToken'] }],
      /\/Grants\/0: missing required member "GrantName"/,
      '{',
    ],
    [
      'a repeated name',
      [good, { ...good, Principals: ['arn:aws:iam::444455556666:root'] }],
      /\/Grants\/1\/GrantName "acme-prod" repeats \/Grants\/0\/GrantName; grant names must be unique/,
      '"acme-prod"',
    ],
    [
      'a repeated ARN',
      [
        { ...good, GrantArn: GRANT_ARN },
        { ...good, GrantName: 'b', GrantArn: GRANT_ARN },
      ],
      /\/Grants\/1\/GrantArn .* repeats \/Grants\/0\/GrantArn/,
      `"${GRANT_ARN}"`,
    ],
  ];
  for (const [name, grants, message, at] of rejected) {
    it(`rejects ${name}, at the offending value`, () => {
      const errors = errorsOf(withGrants(grants));
      const found = errors.find((e) => message.test(e.line));
      expect(found, JSON.stringify(errors, null, 1)).toBeDefined();
      expect(found!.at.startsWith(at)).toBe(true);
    });
  }
});
