/**
 * The parts of the License Manager SDK this tool calls, in one module that
 * `clients.ts` loads lazily. Importing the package itself dynamically would keep
 * all of its sixty commands in the bundle (a namespace can't be tree-shaken);
 * naming them here lets the bundler drop the rest and their schemas.
 */
export {
  CreateGrantCommand,
  CreateGrantVersionCommand,
  CreateLicenseCommand,
  CreateLicenseVersionCommand,
  DeleteGrantCommand,
  DeleteLicenseCommand,
  GetGrantCommand,
  GetLicenseCommand,
  LicenseManagerClient,
  ListDistributedGrantsCommand,
  ListLicensesCommand,
  ListTagsForResourceCommand,
} from '@aws-sdk/client-license-manager';
