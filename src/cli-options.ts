/** The option groups the commands share, for cli.ts: yargs declarations and their checks. */
import type { Argv } from 'yargs';
import type { AwsArgs } from './commands/context.js';
import { MAX_TIMER_MS } from './aws/limits.js';

/** An option that takes a text: `--name TEXT`. */
export const stringOption = (describe: string) => ({ requiresArg: true, type: 'string', describe }) as const;

/** An option that takes a number: `--name N`. */
export const numberOption = (describe: string) => ({ requiresArg: true, type: 'number', describe }) as const;

/** A switch, off unless given. */
export const flag = (describe: string) => ({ type: 'boolean', default: false, describe }) as const;

export function refOption<T>(argv: Argv<T>) {
  return argv.option('ref', stringOption('Read the manifests as committed at this git ref, not the working tree'));
}

/** The expiry warning plan and validate give: how far ahead, and whether it fails the run. */
export function expiryOptions<T>(argv: Argv<T>) {
  return argv
    .option(
      'expiry-warning',
      numberOption(
        "List licenses whose Validity.End is within N days (default 30, or the config file's expiryWarning)",
      ),
    )
    .option('fail-on-expiring', flag('Exit 1 when a license ends within the expiry warning (a scheduled check)'))
    .check((argv) => {
      const days = (argv as { expiryWarning?: number }).expiryWarning;
      if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 36500))
        throw new Error('--expiry-warning must be a whole number of days from 0 to 36500');
      return true;
    });
}

/** How calls to License Manager are made: endpoint, concurrency, pace, time-outs, retries. */
export function clientOptions<T>(argv: Argv<T>) {
  return argv
    .option(
      'endpoint-url',
      stringOption('License Manager endpoint (else AWS_ENDPOINT_URL_LICENSE_MANAGER, AWS_ENDPOINT_URL, or AWS)'),
    )
    .option('concurrency', numberOption('Calls in flight at once (default 10)'))
    .option('max-rps', numberOption('Calls a second per region at most; throttling lowers the pace further on its own'))
    .option('timeout', numberOption('Seconds before one HTTP attempt is abandoned (default 30)'))
    .option('max-attempts', {
      ...numberOption('Attempts per call, retries included (throttling, 5xx, dropped connections)'),
      default: 5,
    })
    .check((argv) => checkNumbers(argv as Partial<AwsArgs>));
}

/** What plan and apply reconcile: which commit, which manifests, which members. */
export function reconcileOptions<T>(argv: Argv<T>) {
  return clientOptions(refOption(argv))
    .option('changed-since', stringOption('Only manifests added or changed between this ref and HEAD'))
    .option(
      'batch-size',
      numberOption('LicenseArns per ListLicenses call when reading (default 100; halved when the service refuses)'),
    )
    .option('ignore', {
      ...stringOption('JSON pointer left as it is live (not compared, not changed), e.g. /LicenseMetadata/LastAudit'),
      array: true,
    })
    .option('prune', {
      type: 'boolean',
      describe: 'Delete licenses whose manifest is gone (pinned DeleteLicense); off by default',
    })
    .option('force-delete-granted', flag('With --prune: delete licenses that still have active grants too'))
    .option('allow-in-use', {
      type: 'boolean',
      describe:
        'Make changes that could cut off a customer in use (MaxCount below consumed, DEACTIVATED, prune, a grant disabled or deleted); default: an IN_USE error',
    });
}

function checkNumbers(args: Partial<AwsArgs>): true {
  const whole = (value: number | undefined, min: number) =>
    value === undefined || (Number.isInteger(value) && value >= min);
  if (!whole(args.concurrency, 1)) throw new Error('--concurrency must be a whole number ≥ 1');
  if (args.timeout !== undefined && !(args.timeout > 0)) throw new Error('--timeout must be a number of seconds > 0');
  if (args.timeout !== undefined && args.timeout * 1000 > MAX_TIMER_MS)
    throw new Error(
      `--timeout must be at most ${Math.floor(MAX_TIMER_MS / 1000)} seconds (the longest timer Node.js can set)`,
    );
  if (!whole(args.maxAttempts, 1)) throw new Error('--max-attempts must be a whole number ≥ 1');
  if (!whole(args.maxChanges, 0)) throw new Error('--max-changes must be a whole number ≥ 0');
  if (args.maxRps !== undefined && !(args.maxRps > 0)) throw new Error('--max-rps must be a number > 0');
  if (!whole(args.batchSize, 1)) throw new Error('--batch-size must be a whole number ≥ 1');
  return true;
}
