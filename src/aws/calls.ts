/**
 * The AWS calls whose failure is only worded, never remembered across the run
 * (license-service.ts adds the reads and version writes, which are): CreateLicense
 * (one attempt; see `ClientPool.client`), DeleteLicense, the tag calls,
 * GetLicenseUsage, ListLicenseVersions, and the grant calls, each sent to the
 * license's HomeRegion. Each answers with a value, never throws.
 */
import {
  CreateGrantCommand,
  CreateGrantVersionCommand,
  CreateLicenseCommand,
  DeleteGrantCommand,
  DeleteLicenseCommand,
  GetGrantCommand,
  GetLicenseUsageCommand,
  ListDistributedGrantsCommand,
  ListLicenseVersionsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from './sdk.js';
import type {
  CreateGrantVersionCommandInput,
  CreateLicenseCommandInput,
  DeleteGrantCommandInput,
  LicenseManagerClient,
} from '@aws-sdk/client-license-manager';
import { licenseError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';
import type {
  CreateGrantRequest,
  CreateRequest,
  CreateResult,
  DeleteGrantRequest,
  DeleteResult,
  GrantRead,
  GrantVersionRequest,
  GrantWriteResult,
  Tag,
  TagsRead,
  TagWrite,
  UsageRead,
} from '../reconcile/ports.js';
import type { GrantsRead, LiveGrant, LiveLicense } from '../reconcile/types.js';
import { allPages, type ClientPool } from './clients.js';
import { fromSdkError, type CallKind } from './errors.js';
import { redactServiceMessage } from './redact.js';

export type VersionsRead =
  | {
      ok: true;
      versions: LiveLicense[];
      /** The bound was reached before the last page: older (or newer) versions may be unread. */
      truncated: boolean;
    }
  | { ok: false; error: LicenseError };

/** The largest page of ListLicenses, ListLicenseVersions and ListDistributedGrants. */
export const PAGE_SIZE = 100;

/** An entitlement list longer than any the API accepts is cut here: a reply can't make the usage check unbounded. */
const MAX_ENTITLEMENTS = 1000;

/**
 * A token seen before would page forever: paging stopped there (after `licenses` listed, for ListLicenses),
 * and this says what the service did wrong.
 */
export function repeatedToken(operation: string, region: string, licenses?: number, licenseArn?: string): LicenseError {
  const after = licenses !== undefined ? `, after ${licenses} licenses` : '';
  const message = `${operation} in ${region} answered a NextToken it had already sent${after}; stopped instead of paging forever`;
  return licenseError('READ_FAILED', message, { licenseArn, fault: 'service' });
}

/** `fromSdkError` for a `kind` call about `subject` in `region`. */
function sdkError(kind: CallKind, subject: string | undefined, region: string): (error: unknown) => LicenseError {
  return (error) => fromSdkError(error, kind, subject, region);
}

export class AwsCalls {
  constructor(readonly pool: ClientPool) {}

  createLicense(request: CreateRequest, region: string): Promise<CreateResult> {
    const create = async (client: LicenseManagerClient): Promise<CreateResult> => {
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
    return this.pool.call(region, sdkError('create', undefined, region), create, 'single');
  }

  deleteLicense(licenseArn: string, sourceVersion: string, region: string): Promise<DeleteResult> {
    return this.pool.call(region, sdkError('delete', licenseArn, region), async (client) => {
      const out = await client.send(new DeleteLicenseCommand({ LicenseArn: licenseArn, SourceVersion: sourceVersion }));
      return { ok: true, status: out.Status ?? 'PENDING_DELETE' };
    });
  }

  listTags(resourceArn: string, region: string): Promise<TagsRead> {
    return this.pool.call(region, sdkError('tags', resourceArn, region), async (client) => {
      const out = await client.send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }));
      const tags: Record<string, string> = {};
      for (const { Key, Value } of out.Tags ?? []) if (Key !== undefined) tags[Key] = Value ?? '';
      return { ok: true, tags };
    });
  }

  tagResource(resourceArn: string, tags: readonly Tag[], region: string): Promise<TagWrite> {
    return this.pool.call(region, sdkError('tag', resourceArn, region), async (client) => {
      await client.send(new TagResourceCommand({ ResourceArn: resourceArn, Tags: tags.map((t) => ({ ...t })) }));
      return { ok: true };
    });
  }

  untagResource(resourceArn: string, keys: readonly string[], region: string): Promise<TagWrite> {
    return this.pool.call(region, sdkError('untag', resourceArn, region), async (client) => {
      await client.send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...keys] }));
      return { ok: true };
    });
  }

  /**
   * What a customer has checked out of a license, for the plan's usage check. The
   * service's values are strings: each is read as a finite, non-negative number,
   * and anything else is left out.
   */
  getLicenseUsage(licenseArn: string, region: string): Promise<UsageRead> {
    return this.pool.call(region, sdkError('usage', licenseArn, region), async (client) => {
      const out = await client.send(new GetLicenseUsageCommand({ LicenseArn: licenseArn }));
      const consumed: Record<string, number> = {};
      for (const usage of (out.LicenseUsage?.EntitlementUsages ?? []).slice(0, MAX_ENTITLEMENTS)) {
        const value = Number(usage.ConsumedValue);
        if (typeof usage.Name === 'string' && usage.ConsumedValue !== '' && Number.isFinite(value) && value >= 0)
          consumed[usage.Name] = value;
      }
      return { ok: true, consumed };
    });
  }

  /**
   * A license's versions, for `history`: through every page, but never more
   * than `max`, so a license with a long past can't make the read unbounded.
   */
  listLicenseVersions(licenseArn: string, region: string, max: number): Promise<VersionsRead> {
    return this.pool.call(region, sdkError('versions', licenseArn, region), async (client) => {
      const read = await allPages(
        'Licenses',
        (NextToken) =>
          client.send(new ListLicenseVersionsCommand({ LicenseArn: licenseArn, MaxResults: PAGE_SIZE, NextToken })),
        max,
      );
      // Pages that loop end the history there: what was read is shown, marked as not the whole.
      return {
        ok: true,
        versions: read.items.slice(0, max) as LiveLicense[],
        truncated: read.more || read.items.length > max,
      };
    });
  }

  listGrants(licenseArn: string, region: string): Promise<GrantsRead> {
    return this.pool.call(
      region,
      grantError('ListDistributedGrants', region, { licenseArn }),
      async (client): Promise<GrantsRead> => {
        const filter = { Name: 'LicenseArn', Values: [licenseArn] };
        const read = await allPages('Grants', (NextToken) =>
          client.send(new ListDistributedGrantsCommand({ Filters: [filter], MaxResults: PAGE_SIZE, NextToken })),
        );
        if (read.looped)
          return { ok: false, error: repeatedToken('ListDistributedGrants', region, undefined, licenseArn) };
        const grants = new Map<string, LiveGrant>();
        // A service that ignores the filter must not hand us another license's grants.
        for (const grant of read.items as LiveGrant[])
          if (grant.LicenseArn === undefined || grant.LicenseArn === licenseArn)
            grants.set(String(grant.GrantArn), grant);
        return { ok: true, grants: [...grants.values()] };
      },
    );
  }

  getGrant(grantArn: string, region: string): Promise<GrantRead> {
    return this.pool.call(region, grantError('GetGrant', region, { grantArn }), async (client) => {
      const out = await client.send(new GetGrantCommand({ GrantArn: grantArn }));
      return { ok: true as const, grant: (out.Grant ?? {}) as unknown as LiveGrant };
    });
  }

  /** One attempt, never retried by the SDK: whether to try again is decided by looking for the grant first. */
  createGrant(request: CreateGrantRequest, region: string): Promise<GrantWriteResult> {
    const input = { ...request, AllowedOperations: request.AllowedOperations as never };
    const send = (client: LicenseManagerClient) => client.send(new CreateGrantCommand(input));
    return this.#grantWrite('CreateGrant', region, { licenseArn: request.LicenseArn }, send, 'single');
  }

  createGrantVersion(request: GrantVersionRequest, region: string): Promise<GrantWriteResult> {
    return this.#grantWrite('CreateGrantVersion', region, { grantArn: request.GrantArn }, (client) =>
      client.send(new CreateGrantVersionCommand(request as CreateGrantVersionCommandInput)),
    );
  }

  deleteGrant(request: DeleteGrantRequest, region: string): Promise<GrantWriteResult> {
    return this.#grantWrite('DeleteGrant', region, { grantArn: request.GrantArn }, (client) =>
      client.send(new DeleteGrantCommand(request as DeleteGrantCommandInput)),
    );
  }

  #grantWrite(
    operation: string,
    region: string,
    subject: Subject,
    send: (client: LicenseManagerClient) => Promise<{ GrantArn?: string; Version?: string; Status?: string }>,
    attempts: 'retrying' | 'single' = 'retrying',
  ): Promise<GrantWriteResult> {
    const write = async (client: LicenseManagerClient) => {
      const out = await send(client);
      return {
        ok: true as const,
        grantArn: out.GrantArn ?? subject.grantArn ?? '',
        version: out.Version ?? '',
        ...(out.Status ? { status: out.Status } : {}),
      };
    };
    return this.pool.call(region, grantError(operation, region, subject), write, attempts);
  }
}

interface Subject {
  licenseArn?: string;
  grantArn?: string;
}

/** The SDK error as a LicenseError about a grant: the code as for licenses, the message naming the grant call. */
function grantError(operation: string, region: string, subject: Subject): (error: unknown) => LicenseError {
  return (error) => {
    const reading = operation === 'GetGrant' || operation === 'ListDistributedGrants';
    const base = fromSdkError(error, reading ? 'read' : 'write', subject.licenseArn, region);
    // Redacted as fromSdkError's own: some errors echo the signed request.
    const service = redactServiceMessage(String((error as { message?: unknown } | undefined)?.message ?? ''));
    const detail = service ? `: ${service}` : '';
    const what = subject.grantArn ? `grant ${subject.grantArn}` : 'the grant';
    const messages: Partial<Record<ErrorCode, string>> = {
      NOT_FOUND:
        operation === 'ListDistributedGrants' || operation === 'CreateGrant'
          ? `the license was not found in ${region}`
          : `${what} was not found in ${region}`,
      ACCESS_DENIED: `access denied (${base.cause}); the credentials need license-manager:${operation}`,
      WRONG_REGION: `${what} can only be changed in its license's HomeRegion, not ${region}${detail}`,
    };
    const message = messages[base.code] ?? `${operation} failed in ${region} (${base.cause})${detail}`;
    return { ...base, message };
  };
}
