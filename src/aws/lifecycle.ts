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
import type { CreateLicenseCommandInput } from '@aws-sdk/client-license-manager';
import type { CreateRequest, CreateResult, DeleteResult, Tag, TagsRead, TagWrite } from '../reconcile/ports.js';
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

export async function listTags(pool: ClientPool, resourceArn: string, region: string): Promise<TagsRead> {
  try {
    const client = await pool.client(region);
    const out = await client.send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }));
    const tags: Record<string, string> = {};
    for (const { Key, Value } of out.Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
    return { ok: true, tags };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'tags', resourceArn, region) };
  }
}

export async function tagResource(
  pool: ClientPool,
  resourceArn: string,
  tags: readonly Tag[],
  region: string,
): Promise<TagWrite> {
  try {
    const client = await pool.client(region);
    await client.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: tags.map((t) => ({ ...t })) }));
    return { ok: true };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'tag', resourceArn, region) };
  }
}

export async function untagResource(
  pool: ClientPool,
  resourceArn: string,
  keys: readonly string[],
  region: string,
): Promise<TagWrite> {
  try {
    const client = await pool.client(region);
    await client.send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...keys] }));
    return { ok: true };
  } catch (error) {
    return { ok: false, error: fromSdkError(error, 'untag', resourceArn, region) };
  }
}
