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
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-license-manager';

// The SDK warns on every Node 20 run that *future* SDK releases will need Node 22, when a
// client is made. This tool supports Node >= 20.19 with the SDK its lockfile pins, so the
// warning is noise on stderr (where CI users read errors). A user's own setting wins. Set
// here, before any client (the pool's, or the probe for the default region) exists.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
