/**
 * The AWS calls of a license's life beyond reading and versioning: CreateLicense
 * (one attempt; see `ClientPool.client`), DeleteLicense, ListTagsForResource and
 * ListDistributedGrants. Each answers with a value, never throws.
 */
import type { CreateLicenseCommandInput } from '@aws-sdk/client-license-manager';
import type { CreateRequest, CreateResult, DeleteResult, GrantCount, TagsRead } from '../reconcile/ports.js';
import type { ClientPool } from './clients.js';
import { fromSdkError } from './errors.js';

/** Grant statuses that no longer give the grantee the license. */
const ENDED_GRANT_STATUSES = new Set(['REJECTED', 'FAILED_WORKFLOW', 'DELETED', 'PENDING_DELETE', 'DISABLED']);

const PAGE_SIZE = 100;

function attemptsOf(error: unknown): { attempts?: number } {
  const attempts = (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
  return attempts !== undefined ? { attempts } : {};
}

export async function createLicense(pool: ClientPool, request: CreateRequest, region: string): Promise<CreateResult> {
  try {
    const [client, { CreateLicenseCommand }] = await Promise.all([pool.client(region, 'single'), pool.module()]);
    const out = await client.send(new CreateLicenseCommand(request as CreateLicenseCommandInput));
    if (!out.LicenseArn)
      throw Object.assign(new Error('CreateLicense answered no LicenseArn'), { name: 'EmptyAnswer' });
    return {
      ok: true,
      licenseArn: out.LicenseArn,
      version: out.Version ?? '1',
      ...(out.Status ? { status: out.Status } : {}),
    };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'create', undefined, region), ...attemptsOf(error) };
  }
}

export async function deleteLicense(
  pool: ClientPool,
  licenseArn: string,
  sourceVersion: string,
  region: string,
): Promise<DeleteResult> {
  try {
    const [client, { DeleteLicenseCommand }] = await Promise.all([pool.client(region), pool.module()]);
    const out = await client.send(new DeleteLicenseCommand({ LicenseArn: licenseArn, SourceVersion: sourceVersion }));
    return { ok: true, status: out.Status ?? 'PENDING_DELETE' };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'delete', licenseArn, region), ...attemptsOf(error) };
  }
}

export async function listTags(pool: ClientPool, licenseArn: string, region: string): Promise<TagsRead> {
  try {
    const [client, { ListTagsForResourceCommand }] = await Promise.all([pool.client(region), pool.module()]);
    const out = await client.send(new ListTagsForResourceCommand({ ResourceArn: licenseArn }));
    const tags: Record<string, string> = {};
    for (const { Key, Value } of out.Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
    return { ok: true, tags };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'tags', licenseArn, region) };
  }
}

/** Pages through ListDistributedGrants filtered by the license, counting grants still in force. */
export async function countActiveGrants(pool: ClientPool, licenseArn: string, region: string): Promise<GrantCount> {
  try {
    const [client, { ListDistributedGrantsCommand }] = await Promise.all([pool.client(region), pool.module()]);
    const seen = new Set<string>();
    const tokens = new Set<string>();
    let active = 0;
    let token: string | undefined;
    do {
      const out = await client.send(
        new ListDistributedGrantsCommand({
          Filters: [{ Name: 'LicenseArn', Values: [licenseArn] }],
          MaxResults: PAGE_SIZE,
          NextToken: token,
        }),
      );
      for (const grant of out.Grants ?? []) {
        const arn = grant.GrantArn ?? '';
        if (seen.has(arn) || grant.LicenseArn !== licenseArn) continue;
        seen.add(arn);
        if (!ENDED_GRANT_STATUSES.has(grant.GrantStatus ?? '')) active += 1;
      }
      token = out.NextToken || undefined;
      if (token !== undefined && tokens.has(token)) break; // a repeated token would page forever
      if (token !== undefined) tokens.add(token);
    } while (token !== undefined);
    return { ok: true, active };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'grants', licenseArn, region) };
  }
}
