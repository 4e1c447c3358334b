/**
 * Pagination as the List* operations do it: MaxResults (default and maximum
 * 100) and an opaque NextToken bound to the query it came from.
 */
import { fail, ok, type Outcome } from './errors.js';

const DEFAULT_PAGE = 100;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * The page of `items` that `input` asks for. `scope` names the query (the
 * operation and its arguments); a token from another query is rejected.
 */
export function paginate<T>(items: readonly T[], input: Record<string, unknown>, scope: string): Outcome<Page<T>> {
  const size = typeof input.MaxResults === 'number' ? input.MaxResults : DEFAULT_PAGE;
  const start = input.NextToken === undefined ? 0 : decodeToken(input.NextToken, scope);
  if (start === undefined)
    return fail('InvalidParameterValueException', `NextToken ${String(input.NextToken)} is not valid for this request`);
  const end = start + size;
  const page = items.slice(start, end);
  return ok(end < items.length ? { items: page, nextToken: encodeToken(end, scope) } : { items: page });
}

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ scope, offset })).toString('base64url');
}

function decodeToken(token: unknown, scope: string): number | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      scope?: unknown;
      offset?: unknown;
    };
    return parsed.scope === scope && Number.isInteger(parsed.offset) && (parsed.offset as number) >= 0
      ? (parsed.offset as number)
      : undefined;
  } catch {
    return undefined;
  }
}
