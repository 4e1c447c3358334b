/**
 * Listing as the List* operations do it: filters by name, then pages of
 * MaxResults (default and maximum 100) with an opaque NextToken bound to the
 * query it came from.
 */
import { fail, ok } from './errors.js';
import type { Answer, Input, OperationContext } from './operations.js';

const DEFAULT_PAGE = 100;

/** The filter names a List operation understands, and where each looks in an item. */
export type FilterTable<T> = Record<string, (item: T, ctx: OperationContext) => unknown>;

export interface Filter {
  Name?: string;
  Values?: string[];
}

/** The refusal of the first filter whose name `table` doesn't know; undefined when it knows them all. */
export function unknownFilter(filters: readonly Filter[], table: Record<string, unknown>): Answer | undefined {
  const unknown = filters.find((filter) => !(String(filter.Name) in table));
  if (!unknown) return undefined;
  return fail(
    'InvalidParameterValueException',
    `Filter name ${String(unknown.Name)} is not supported; use one of ${Object.keys(table).join(', ')}`,
  );
}

/** Whether `item` passes every filter: what the filter's name looks at is one of its Values. */
export function passes<T>(item: T, filters: readonly Filter[], table: FilterTable<T>, ctx: OperationContext): boolean {
  return filters.every((filter) => (filter.Values ?? []).includes(String(table[filter.Name as string]?.(item, ctx))));
}

/**
 * The page of `items` that `input` asks for, as `{[member]: items, NextToken?}`. `query` names
 * the query (the operation and its arguments, as JSON values); a token from another query is rejected.
 */
export function paginate(member: string, items: readonly unknown[], input: Input, query: unknown[]): Answer {
  const scope = JSON.stringify(query);
  const size = typeof input.MaxResults === 'number' ? input.MaxResults : DEFAULT_PAGE;
  const start = input.NextToken === undefined ? 0 : decodeToken(input.NextToken, scope);
  if (start === undefined)
    return fail('InvalidParameterValueException', `NextToken ${String(input.NextToken)} is not valid for this request`);
  const end = start + size;
  const page = items.slice(start, end);
  return ok(end < items.length ? { [member]: page, NextToken: encodeToken(end, scope) } : { [member]: page });
}

function encodeToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ scope, offset })).toString('base64url');
}

function decodeToken(token: unknown, scope: string): number | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    return parsed.scope === scope && Number.isInteger(parsed.offset) && (parsed.offset as number) >= 0
      ? (parsed.offset as number)
      : undefined;
  } catch {
    return undefined;
  }
}
