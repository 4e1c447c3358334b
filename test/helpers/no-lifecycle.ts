/** For fakes of the service that only read and version licenses: lifecycle calls a test didn't expect fail loudly. */
import { licenseError } from '../../src/reconcile/errors.js';
import type { LicenseLifecycle } from '../../src/reconcile/ports.js';

const unexpected = (call: string) => ({
  ok: false as const,
  error: licenseError('READ_FAILED', `unexpected ${call} in this test`, { fault: 'tool' }),
});

export const NO_LIFECYCLE: LicenseLifecycle = {
  createLicense: async () => unexpected('CreateLicense'),
  deleteLicense: async () => unexpected('DeleteLicense'),
  listLicenses: async () => unexpected('ListLicenses'),
  listTags: async () => unexpected('ListTagsForResource'),
  tagResource: async () => unexpected('TagResource'),
  untagResource: async () => unexpected('UntagResource'),
  countActiveGrants: async () => unexpected('ListDistributedGrants'),
};
