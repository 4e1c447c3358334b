/** Service messages and endpoint URLs, redacted before they are stored or shown. */
import { describe, expect, it } from 'vitest';
import { fromSdkError } from '../../src/aws/errors.js';
import { MAX_SERVICE_MESSAGE, redactServiceMessage, redactUrl } from '../../src/aws/redact.js';

const TOKEN = 'IQoJb3JpZ2luX2VjEBAaCXVzLWVhc3QtMSJHMEUCIQDexampleexampleexampleexampleexampleexample';

describe('redactServiceMessage', () => {
  it.each([
    [
      'an echoed canonical request',
      `Signature mismatch.\n\nThe Canonical String for this request should have been\n'POST\n/\nx-amz-security-token:${TOKEN}'`,
    ],
    ['a security token header', `denied for x-amz-security-token: ${TOKEN}`],
    [
      'an Authorization header',
      'Authorization: AWS4-HMAC-SHA256 Credential=AKIAABCDEFGHIJKLMNOP/20261129/us-east-1/license-manager/aws4_request, SignedHeaders=host, Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    ],
    ['an access key id alone', 'The security token included in the request is invalid: ASIAABCDEFGHIJKLMNOP'],
    ['a bare session token', `token ${TOKEN}`],
    ['a GitHub token', 'Bad credentials for ghs_16C7e42F292c6912E7710c838347Ae178B4a'],
    ['a fine-grained GitHub token', 'Bad credentials (github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz)'],
  ])('drops %s', (_name, message) => {
    const redacted = redactServiceMessage(message);
    expect(redacted).not.toMatch(/ghs_16C7e42F|github_pat_11ABCDEFG/);
    expect(redacted).not.toContain(TOKEN);
    expect(redacted).not.toMatch(/AKIAABCDEFGHIJKLMNOP|ASIAABCDEFGHIJKLMNOP|0123456789abcdef0123456789abcdef/);
  });

  it('keeps an ordinary message and caps a long one', () => {
    expect(redactServiceMessage('License is not found.')).toBe('License is not found.');
    expect(redactServiceMessage('x '.repeat(2000)).length).toBeLessThanOrEqual(MAX_SERVICE_MESSAGE);
  });
});

describe('redactUrl', () => {
  it('hides credentials and the query, keeps the host', () => {
    expect(redactUrl('https://user:pass@example.com:8443/path?X-Amz-Signature=abc')).toBe(
      'https://[redacted]@example.com:8443/path?[redacted]',
    );
    expect(redactUrl('http://127.0.0.1:4599')).toBe('http://127.0.0.1:4599/');
    expect(redactUrl('not a url')).toBe('(not a URL)');
  });
});

describe('an error from the service', () => {
  it('has its name redacted as its message is: a reply may put a token in __type', () => {
    const error = Object.assign(new Error('x'), { name: `Err${TOKEN}` });
    const described = fromSdkError(error, 'read', undefined, 'us-east-1');
    expect(described.message).not.toContain(TOKEN.slice(0, 40));
    expect(described.message).toContain('[redacted]');
    expect(JSON.stringify(described)).not.toContain(TOKEN.slice(0, 40));
  });
});
