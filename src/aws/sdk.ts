/**
 * The parts of the License Manager SDK this tool calls, in one module, imported
 * statically by the adapter (only the commands that call License Manager load
 * the adapter: the CLI loads each command's code when it runs).
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
  GetLicenseUsageCommand,
  LicenseManagerClient,
  ListDistributedGrantsCommand,
  ListLicenseVersionsCommand,
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
