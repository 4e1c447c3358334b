/**
 * The AWS adapter for the grant ports: ListDistributedGrants (every page),
 * GetGrant, CreateGrant, CreateGrantVersion and DeleteGrant, each sent to the
 * license's HomeRegion. Answers with values, never throws.
 */
import * as sdk from './sdk.js';
import type {
  CreateGrantVersionCommandInput,
  DeleteGrantCommandInput,
  LicenseManagerClient,
} from '@aws-sdk/client-license-manager';
import { licenseError, type ErrorCode, type LicenseError } from '../reconcile/errors.js';
import type {
  CreateGrantRequest,
  DeleteGrantRequest,
  GrantReader,
  GrantRead,
  GrantVersionRequest,
  GrantWriter,
  GrantWriteResult,
} from '../reconcile/ports.js';
import type { GrantsRead, LiveGrant } from '../reconcile/types.js';
import { allPages, type ClientPool } from './clients.js';
import { fromSdkError } from './errors.js';

type Sdk = typeof sdk;

/** ListDistributedGrants' largest page. */
const PAGE_SIZE = 100;

export class AwsGrantService implements GrantReader, GrantWriter {
  constructor(private readonly pool: ClientPool) {}

  async listGrants(licenseArn: string, region: string): Promise<GrantsRead> {
    return this.#call('ListDistributedGrants', region, { licenseArn }, 'retrying', async (client, sdk) => {
      const filter = { Name: 'LicenseArn', Values: [licenseArn] };
      const read = await allPages('Grants', (NextToken) =>
        client.send(new sdk.ListDistributedGrantsCommand({ Filters: [filter], MaxResults: PAGE_SIZE, NextToken })),
      );
      if (read.looped) {
        const message = `ListDistributedGrants in ${region} answered a NextToken it had already sent; stopped instead of paging forever`;
        return { ok: false as const, error: licenseError('READ_FAILED', message, { licenseArn, fault: 'service' }) };
      }
      const grants = new Map<string, LiveGrant>();
      // A service that ignores the filter must not hand us another license's grants.
      for (const grant of read.items as LiveGrant[])
        if (grant.LicenseArn === undefined || grant.LicenseArn === licenseArn)
          grants.set(String(grant.GrantArn), grant);
      return { ok: true as const, grants: [...grants.values()] };
    });
  }

  async getGrant(grantArn: string, region: string): Promise<GrantRead> {
    return this.#call('GetGrant', region, { grantArn }, 'retrying', async (client, sdk) => {
      const out = await client.send(new sdk.GetGrantCommand({ GrantArn: grantArn }));
      return { ok: true as const, grant: (out.Grant ?? {}) as unknown as LiveGrant };
    });
  }

  /** One attempt, never retried by the SDK: whether to try again is decided by looking for the grant first. */
  async createGrant(request: CreateGrantRequest, region: string): Promise<GrantWriteResult> {
    return this.#write(
      'CreateGrant',
      region,
      { licenseArn: request.LicenseArn },
      async (client, sdk) =>
        client.send(new sdk.CreateGrantCommand({ ...request, AllowedOperations: request.AllowedOperations as never })),
      'single',
    );
  }

  async createGrantVersion(request: GrantVersionRequest, region: string): Promise<GrantWriteResult> {
    return this.#write('CreateGrantVersion', region, { grantArn: request.GrantArn }, async (client, sdk) =>
      client.send(new sdk.CreateGrantVersionCommand(request as CreateGrantVersionCommandInput)),
    );
  }

  async deleteGrant(request: DeleteGrantRequest, region: string): Promise<GrantWriteResult> {
    return this.#write('DeleteGrant', region, { grantArn: request.GrantArn }, async (client, sdk) =>
      client.send(new sdk.DeleteGrantCommand(request as DeleteGrantCommandInput)),
    );
  }

  async #write(
    operation: string,
    region: string,
    subject: Subject,
    send: (client: LicenseManagerClient, sdk: Sdk) => Promise<{ GrantArn?: string; Version?: string; Status?: string }>,
    attempts: 'retrying' | 'single' = 'retrying',
  ): Promise<GrantWriteResult> {
    return this.#call(operation, region, subject, attempts, async (client, sdk) => {
      const out = await send(client, sdk);
      return {
        ok: true as const,
        grantArn: out.GrantArn ?? subject.grantArn ?? '',
        version: out.Version ?? '',
        ...(out.Status ? { status: out.Status } : {}),
      };
    });
  }

  async #call<T>(
    operation: string,
    region: string,
    subject: Subject,
    attempts: 'retrying' | 'single',
    run: (client: LicenseManagerClient, sdk: Sdk) => Promise<T>,
  ): Promise<T | { ok: false; error: LicenseError; attempts?: number }> {
    try {
      const client = await this.pool.client(region, attempts);
      return await run(client, sdk);
    } catch (error) {
      const attempts = (error as { $metadata?: { attempts?: number } } | undefined)?.$metadata?.attempts;
      return { ok: false, error: grantError(error, operation, region, subject), ...(attempts ? { attempts } : {}) };
    }
  }
}

interface Subject {
  licenseArn?: string;
  grantArn?: string;
}

/** The SDK error as a LicenseError about a grant: the code as for licenses, the message naming the grant call. */
function grantError(error: unknown, operation: string, region: string, subject: Subject): LicenseError {
  const reading = operation === 'GetGrant' || operation === 'ListDistributedGrants';
  const base = fromSdkError(error, reading ? 'read' : 'write', subject.licenseArn, region);
  const service = (error as { message?: string } | undefined)?.message;
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
}
