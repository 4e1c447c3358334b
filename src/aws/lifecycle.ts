/**
 * The AWS calls of a license's life beyond reading and versioning: CreateLicense
 * (one attempt; see `ClientPool.client`), DeleteLicense and ListTagsForResource
 * (grants are listed in grant-service.ts). Each answers with a value, never throws.
 */
import { CreateLicenseCommand, DeleteLicenseCommand, ListTagsForResourceCommand } from './sdk.js';
import type { CreateLicenseCommandInput } from '@aws-sdk/client-license-manager';
import type { CreateRequest, CreateResult, DeleteResult, TagsRead } from '../reconcile/ports.js';
import type { ClientPool } from './clients.js';
import { fromSdkError } from './errors.js';

function attemptsOf(error: unknown): { attempts?: number } {
  const attempts = (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
  return attempts !== undefined ? { attempts } : {};
}

export async function createLicense(pool: ClientPool, request: CreateRequest, region: string): Promise<CreateResult> {
  try {
    const client = await pool.client(region, 'single');
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
    const client = await pool.client(region);
    const out = await client.send(new DeleteLicenseCommand({ LicenseArn: licenseArn, SourceVersion: sourceVersion }));
    return { ok: true, status: out.Status ?? 'PENDING_DELETE' };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'delete', licenseArn, region), ...attemptsOf(error) };
  }
}

export async function listTags(pool: ClientPool, licenseArn: string, region: string): Promise<TagsRead> {
  try {
    const client = await pool.client(region);
    const out = await client.send(new ListTagsForResourceCommand({ ResourceArn: licenseArn }));
    const tags: Record<string, string> = {};
    for (const { Key, Value } of out.Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
    return { ok: true, tags };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'tags', licenseArn, region) };
  }
}
