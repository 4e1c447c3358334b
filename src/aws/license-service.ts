/**
 * The AWS adapter for the core's ports: GetLicense, ListLicenses (batched reads
 * by LicenseArns; import, adoption and orphans) and CreateLicenseVersion, sent to
 * the license's HomeRegion, over the calls of calls.ts. Answers with values,
 * never throws.
 */
import { CreateLicenseVersionCommand, GetLicenseCommand, LicenseManagerClient, ListLicensesCommand } from './sdk.js';
import type { CreateLicenseVersionCommandInput } from '@aws-sdk/client-license-manager';
import type {
  BatchFailure,
  BatchRead,
  GrantCount,
  LicenseFilters,
  LicenseList,
  LicenseService,
  VersionRequest,
  WriteResult,
} from '../reconcile/ports.js';
import type { LicenseError } from '../reconcile/errors.js';
import type { LiveLicense, LiveRead } from '../reconcile/types.js';
import { allPages, ClientPool, type AwsOptions } from './clients.js';
import { AwsCalls, PAGE_SIZE, repeatedToken } from './calls.js';
import { inForce } from '../reconcile/gone.js';
import { fromSdkError, type Asker, type CallKind } from './errors.js';
import { redactServiceMessage } from './redact.js';

export class AwsLicenseService extends AwsCalls implements LicenseService {
  constructor(options: AwsOptions = {}) {
    super(new ClientPool(options));
  }

  async getLicense(licenseArn: string, region: string): Promise<LiveRead> {
    if (this.noCredentials) return { ok: false, error: { ...this.noCredentials, licenseArn } };
    try {
      const client = await this.pool.client(region);
      const out = await client.send(new GetLicenseCommand({ LicenseArn: licenseArn }));
      return { ok: true, license: (out.License ?? {}) as LiveLicense };
    } catch (error) {
      return { ok: false, error: await this.worded(error, 'read', licenseArn, region) };
    }
  }

  async createLicenseVersion(request: VersionRequest, region: string): Promise<WriteResult> {
    if (this.noCredentials) return { ok: false, error: { ...this.noCredentials, licenseArn: request.LicenseArn } };
    const toError = (error: unknown) => this.worded(error, 'write', request.LicenseArn, region);
    return this.pool.call(region, toError, async (client) => {
      const out = await client.send(new CreateLicenseVersionCommand(request as CreateLicenseVersionCommandInput));
      return { ok: true, version: out.Version ?? '' };
    });
  }

  /** How many of the license's grants still give their grantee the license, from the one grant listing. */
  async countActiveGrants(licenseArn: string, region: string): Promise<GrantCount> {
    const read = await this.listGrants(licenseArn, region);
    return read.ok ? { ok: true, active: read.grants.filter(inForce).length } : read;
  }

  /**
   * ListLicenses sent to `region`, through every page: each license once, in the order the service lists them,
   * narrowed by `filters` (ProductSKU, Beneficiary) when given.
   */
  async listLicenses(region: string, filters: LicenseFilters = {}): Promise<LicenseList> {
    try {
      const client = await this.pool.client(region);
      const read = await allPages('Licenses', (NextToken) =>
        client.send(new ListLicensesCommand({ MaxResults: PAGE_SIZE, NextToken, ...toFilters(filters) })),
      );
      const byArn = new Map<string, LiveLicense>();
      // A license listed again on a later page counts once.
      for (const license of read.items as LiveLicense[])
        if (!byArn.has(license.LicenseArn ?? '')) byArn.set(license.LicenseArn ?? '', license);
      if (read.looped) return { ok: false, error: repeatedToken('ListLicenses', region, byArn.size) };
      return { ok: true, licenses: [...byArn.values()] };
    } catch (error) {
      return { ok: false, error: await this.worded(error, 'list', undefined, region) };
    }
  }

  /** Once the credential chain found nothing, no later call tries again: the run gets one answer. */
  private noCredentials: LicenseError | undefined;

  private credentialsCause: Promise<string | undefined> | undefined;

  /** A NO_CREDENTIALS error is kept for the rest of the run, with its cause when a named profile failed. */
  private async remember(error: LicenseError): Promise<LicenseError> {
    if (error.code !== 'NO_CREDENTIALS') return error;
    this.credentialsCause ??= credentialCause();
    const cause = await this.credentialsCause;
    const explained = cause
      ? {
          ...error,
          message: `no AWS credentials: ${cause}; fix that profile, or unset AWS_PROFILE to use the other sources`,
        }
      : error;
    this.noCredentials ??= explained;
    return this.noCredentials;
  }

  /**
   * The SDK error worded for a `kind` call (with who asked, when it is about a license), and
   * remembered when it is NO_CREDENTIALS.
   */
  private async worded(error: unknown, kind: CallKind, licenseArn: string | undefined, region: string) {
    return this.remember(
      fromSdkError(error, kind, licenseArn, licenseArn === undefined ? region : await this.asker(region, error)),
    );
  }

  /**
   * Who asked, for messages about licenses not found: the region and, when the
   * credentials name it (SSO, assumed roles, AWS_ACCOUNT_ID), their account.
   */
  private async asker(region: string, error: unknown): Promise<Asker> {
    const name = (error as { name?: unknown } | null)?.name;
    if (name !== 'ResourceNotFoundException' && name !== 'ValidationException') return { region };
    try {
      const client = await this.pool.client(region);
      const identity = await client.config.credentials();
      return identity.accountId ? { region, account: identity.accountId } : { region };
    } catch {
      return { region };
    }
  }

  /**
   * ListLicenses for exactly these ARNs, through every page. A refusal says why,
   * so the reader can ask for fewer at a time, split the batch, or read one by one.
   */
  async listLicensesByArn(licenseArns: readonly string[], region: string): Promise<BatchRead> {
    if (this.noCredentials) return { ok: false, error: this.noCredentials, reason: 'failed' };
    try {
      const client = await this.pool.client(region);
      const read = await allPages('Licenses', (NextToken) =>
        client.send(new ListLicensesCommand({ LicenseArns: [...licenseArns], MaxResults: PAGE_SIZE, NextToken })),
      );
      if (read.looped)
        return { ok: false, error: repeatedToken('ListLicenses', region, read.items.length), reason: 'failed' };
      return { ok: true, licenses: read.items as LiveLicense[] };
    } catch (error) {
      const reported = await this.worded(error, 'list', undefined, region);
      return { ok: false, error: reported, reason: batchFailure(reported.code, reported.cause, error) };
    }
  }

  /** The region the SDK picks on its own (AWS_REGION, the profile's region), or undefined when there is none. */
  async defaultRegion(): Promise<string | undefined> {
    const probe = new LicenseManagerClient({});
    try {
      return (await probe.config.region()) || undefined;
    } catch {
      return undefined;
    } finally {
      probe.destroy();
    }
  }

  destroy(): void {
    this.pool.destroy();
  }
}

/** ListLicenses' `Filters` for the given values (none when empty). */
function toFilters(filters: LicenseFilters): { Filters?: { Name: string; Values: string[] }[] } {
  const list = Object.entries(filters)
    .filter(([, value]) => typeof value === 'string')
    .map(([Name, value]) => ({ Name, Values: [value as string] }));
  return list.length > 0 ? { Filters: list } : {};
}

/** What a refused ListLicenses means for a batched read. */
function batchFailure(code: string, name: string | undefined, error: unknown): BatchFailure {
  if (code === 'ACCESS_DENIED') return 'denied';
  if (name !== 'ValidationException' && name !== 'InvalidParameterValueException') return 'failed';
  const message = String((error as { message?: unknown } | null)?.message ?? '');
  return /length|size|too many|at most|maximum|limit|exceed/i.test(message) ? 'too-many' : 'rejected';
}

/**
 * Why the credentials chain found nothing, when a profile is named. The SDK's
 * chain ends every failure with "Could not load credentials from any
 * providers", hiding the cause: a profile that doesn't exist (`AWS_PROFILE=nope`)
 * or a `credential_process` that failed. Resolving the named profile on its own
 * (the SDK's `fromIni`, which the chain also uses) gives the real reason, made
 * safe to show; undefined when no profile is named or it resolves now.
 */
async function credentialCause(): Promise<string | undefined> {
  const profile = process.env.AWS_PROFILE;
  if (!profile) return undefined;
  try {
    const { fromIni } = await import('@aws-sdk/credential-provider-ini');
    await fromIni({ profile })();
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return `AWS_PROFILE=${profile}: ${redactServiceMessage(message.replace(/\s+/g, ' '))}`;
  }
}
