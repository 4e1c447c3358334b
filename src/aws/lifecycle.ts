/**
 * The AWS calls of a license's life beyond reading and versioning: CreateLicense
 * (one attempt; see `ClientPool.client`), DeleteLicense, and the tag calls
 * (grants are listed in grant-service.ts). Each answers with a value, never throws.
 */
import {
  CreateLicenseCommand,
  DeleteLicenseCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from './sdk.js';
import type { CreateLicenseCommandInput, LicenseManagerClient } from '@aws-sdk/client-license-manager';
import type { CreateRequest, CreateResult, DeleteResult, Tag, TagsRead, TagWrite } from '../reconcile/ports.js';
import type { ClientPool } from './clients.js';

export async function createLicense(pool: ClientPool, request: CreateRequest, region: string): Promise<CreateResult> {
  const call = async (client: LicenseManagerClient): Promise<CreateResult> => {
    const out = await client.send(new CreateLicenseCommand(request as CreateLicenseCommandInput));
    if (!out.LicenseArn)
      throw Object.assign(new Error('CreateLicense answered no LicenseArn'), { name: 'EmptyAnswer' });
    return {
      ok: true,
      licenseArn: out.LicenseArn,
      version: out.Version ?? '1',
      ...(out.Status ? { status: out.Status } : {}),
    };
  };
  return pool.call(region, 'create', undefined, call, 'single');
}

export function deleteLicense(
  pool: ClientPool,
  licenseArn: string,
  sourceVersion: string,
  region: string,
): Promise<DeleteResult> {
  return pool.call(region, 'delete', licenseArn, async (client) => {
    const out = await client.send(new DeleteLicenseCommand({ LicenseArn: licenseArn, SourceVersion: sourceVersion }));
    return { ok: true, status: out.Status ?? 'PENDING_DELETE' };
  });
}

export function listTags(pool: ClientPool, resourceArn: string, region: string): Promise<TagsRead> {
  return pool.call(region, 'tags', resourceArn, async (client) => {
    const out = await client.send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }));
    const tags: Record<string, string> = {};
    for (const { Key, Value } of out.Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
    return { ok: true, tags };
  });
}

export function tagResource(
  pool: ClientPool,
  resourceArn: string,
  tags: readonly Tag[],
  region: string,
): Promise<TagWrite> {
  return pool.call(region, 'tag', resourceArn, async (client) => {
    await client.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: tags.map((t) => ({ ...t })) }));
    return { ok: true };
  });
}

export function untagResource(
  pool: ClientPool,
  resourceArn: string,
  keys: readonly string[],
  region: string,
): Promise<TagWrite> {
  return pool.call(region, 'untag', resourceArn, async (client) => {
    await client.send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...keys] }));
    return { ok: true };
  });
}
