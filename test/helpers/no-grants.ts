/** The grant half of a fake LicenseService, for tests whose manifests have no Grants: any grant call fails the test. */
import type { GrantReader, GrantWriter } from '../../src/reconcile/ports.js';

const unexpected = (name: string) => () => {
  throw new Error(`unexpected grant call ${name}: these manifests have no Grants`);
};

export const NO_GRANTS: GrantReader & GrantWriter = {
  listGrants: unexpected('listGrants'),
  getGrant: unexpected('getGrant'),
  createGrant: unexpected('createGrant'),
  createGrantVersion: unexpected('createGrantVersion'),
  deleteGrant: unexpected('deleteGrant'),
};
