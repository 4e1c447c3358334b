/**
 * Why the credentials chain found nothing, when a profile is named. The SDK's
 * chain ends every failure with "Could not load credentials from any
 * providers", hiding the cause: a profile that doesn't exist (`AWS_PROFILE=nope`)
 * or a `credential_process` that failed. Resolving the named profile on its own
 * (the SDK's `fromIni`, which the chain also uses) gives the real reason.
 */
import { redactServiceMessage } from './redact.js';

/** The cause, made safe to show, or undefined when no profile is named or it resolves now. */
export async function credentialCause(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const profile = env.AWS_PROFILE;
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
