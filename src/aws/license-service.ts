/**
 * The AWS adapter for the core's ports: GetLicense and CreateLicenseVersion
 * sent to the license's HomeRegion. Answers with values, never throws.
 */
import type { CreateLicenseVersionCommandInput } from '@aws-sdk/client-license-manager';
import type { LicenseService, VersionRequest, WriteResult } from '../reconcile/ports.js';
import type { LiveLicense, LiveRead } from '../reconcile/types.js';
import { ClientPool, type AwsOptions } from './clients.js';
import { fromSdkError } from './errors.js';

export class AwsLicenseService implements LicenseService {
  readonly pool: ClientPool;

  constructor(options: AwsOptions = {}) {
    this.pool = new ClientPool(options);
  }

  async getLicense(licenseArn: string, region: string): Promise<LiveRead> {
    try {
      const [client, { GetLicenseCommand }] = await Promise.all([this.pool.client(region), this.pool.module()]);
      const out = await client.send(new GetLicenseCommand({ LicenseArn: licenseArn }));
      return { ok: true, license: (out.License ?? {}) as LiveLicense };
    } catch (error) {
      return { ok: false, error: fromSdkError(error, 'read', licenseArn, region) };
    }
  }

  async createLicenseVersion(request: VersionRequest, region: string): Promise<WriteResult> {
    try {
      const [client, { CreateLicenseVersionCommand }] = await Promise.all([
        this.pool.client(region),
        this.pool.module(),
      ]);
      const out = await client.send(new CreateLicenseVersionCommand(request as CreateLicenseVersionCommandInput));
      return { ok: true, version: out.Version ?? '' };
    } catch (error) {
      return { ok: false, error: fromSdkError(error, 'write', request.LicenseArn, region) };
    }
  }

  destroy(): void {
    this.pool.destroy();
  }
}
