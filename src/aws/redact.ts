/**
 * Service messages are redacted before they are stored or shown anywhere (the
 * plan, the JSON plan, a saved plan, the job summary, a pull-request comment).
 * AWS echoes the signed request in some errors (InvalidSignatureException:
 * "The Canonical String for this request should have been …", headers and the
 * session token included); a proxy or an emulator may echo anything.
 */

/** Where an echoed request begins: everything from here on is dropped. */
const ECHOED_REQUEST =
  /(?:the canonical (?:string|request)|canonical request|the string[- ]to[- ]sign|string to sign|stringtosign|canonicalrequest)[\s\S]*$/i;

/** `name: value` or `name=value` for headers and parameters that carry credentials or signatures. */
const SECRET_FIELD =
  /\b(x-amz-security-token|x-amz-signature|x-amz-credential|x-amz-date|authorization|signature|credential|signedheaders|aws_?secret_?access_?key|aws_?session_?token|securitytoken|session[-_ ]?token|secret[-_ ]?access[-_ ]?key|access[-_ ]?key[-_ ]?id|password|token)(["']?\s*[:=]\s*["']?)([^\s,;"'&]+)/gi;

/** Access key ids (long-term AKIA…, temporary ASIA…). */
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA)[A-Z0-9]{12,}\b/g;

/** A GitHub token (`ghs_…` of an Action, `ghp_…`, a fine-grained `github_pat_…`), for the Action's GitHub calls. */
const GITHUB_TOKEN = /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;

/** A SigV4 signature or another long hex digest. */
const HEX_DIGEST = /\b[0-9a-f]{40,}\b/gi;

/** A long base64 run: a session token, a key, an encoded credential. */
const LONG_BASE64 = /[A-Za-z0-9+/]{60,}={0,2}/g;

/** A service message is a sentence or two; one longer than this is cut. */
export const MAX_SERVICE_MESSAGE = 500;

/** The message without echoed requests, credentials, tokens or signatures, at most MAX_SERVICE_MESSAGE characters. */
export function redactServiceMessage(message: string): string {
  const redacted = message
    .replace(ECHOED_REQUEST, '[the echoed request was removed]')
    .replace(SECRET_FIELD, '$1$2[redacted]')
    .replace(ACCESS_KEY_ID, '[redacted]')
    .replace(GITHUB_TOKEN, '[redacted]')
    .replace(HEX_DIGEST, '[redacted]')
    .replace(LONG_BASE64, '[redacted]')
    .trim();
  return redacted.length > MAX_SERVICE_MESSAGE ? `${redacted.slice(0, MAX_SERVICE_MESSAGE - 1)}…` : redacted;
}

/** An endpoint URL fit to print: credentials in it (`https://user:secret@host`) and its query are hidden. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const hidden = parsed.username !== '' || parsed.password !== '';
    parsed.username = '';
    parsed.password = '';
    const query = parsed.search !== '';
    parsed.search = '';
    parsed.hash = '';
    const shown = parsed.toString();
    const at = shown.indexOf('//') + 2;
    return `${hidden ? `${shown.slice(0, at)}[redacted]@${shown.slice(at)}` : shown}${query ? '?[redacted]' : ''}`;
  } catch {
    return '(not a URL)';
  }
}
