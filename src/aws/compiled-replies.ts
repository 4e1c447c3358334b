/**
 * Successful replies turned into objects without walking the SDK's schema for
 * every reply. The SDK's JSON deserializer visits each modeled member of each
 * reply through its schema objects; for ListLicenses (100 licenses a page) that
 * walk is most of the client-side CPU of reading. For a shape whose leaves are
 * plain JSON scalars (strings, booleans, numbers: License Manager's licenses and
 * grants) the walk does only three things: keep the modeled members, drop the
 * null ones, and turn "Infinity", "-Infinity" and "NaN" in numeric members into
 * numbers. This compiles those three things from the same schema, once per
 * shape, and gives the same object the SDK would build. Shapes with anything
 * else (timestamps, blobs, big numbers, documents, maps, unions, media types),
 * and replies carrying `__type`, go to the SDK's own deserializer.
 */
import { NormalizedSchema } from '@smithy/core/schema';

type Reader = (value: unknown) => unknown;

/** The part of the SDK's protocol this wraps: its payload deserializer. */
interface WithDeserializer {
  deserializer?: { read(schema: unknown, data: unknown): Promise<unknown> };
}

/** Replaced by the SDK's own deserializer when a reply holds something the compiled reader does not model. */
class NotCompiled extends Error {}

const MAX_DEPTH = 16;

/** Makes `protocol` (a client's `config.protocol`) read plain-scalar replies through compiled readers. */
export function compileReplies(protocol: unknown): void {
  const deserializer = (protocol as WithDeserializer | null)?.deserializer;
  if (!deserializer || typeof deserializer.read !== 'function') return;
  const sdkRead = deserializer.read.bind(deserializer);
  const readers = new WeakMap<object, Reader | null>();
  deserializer.read = async (schema: unknown, data: unknown) => {
    const reader = readerFor(schema, readers);
    const text = reader ? textOf(data) : undefined;
    if (!reader || text === undefined) return sdkRead(schema, data);
    if (text.length === 0) return {};
    try {
      return reader(JSON.parse(text));
    } catch (error) {
      if (error instanceof NotCompiled) return sdkRead(schema, data);
      throw error;
    }
  };
}

function readerFor(schema: unknown, readers: WeakMap<object, Reader | null>): Reader | undefined {
  let ns: NormalizedSchema;
  try {
    ns = NormalizedSchema.of(schema as Parameters<typeof NormalizedSchema.of>[0]);
  } catch {
    return undefined;
  }
  const key = ns.getSchema();
  if (key === null || typeof key !== 'object') return undefined;
  let reader = readers.get(key);
  if (reader === undefined) {
    reader = ns.isStructSchema() ? (compile(ns, 0) ?? null) : null;
    readers.set(key, reader);
  }
  return reader ?? undefined;
}

function textOf(data: unknown): string | undefined {
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
  return undefined;
}

/** A reader doing what the SDK's deserializer does for `ns`, or undefined when that is more than the three things. */
export function compile(ns: NormalizedSchema, depth: number): Reader | undefined {
  if (depth > MAX_DEPTH) return undefined;
  if (ns.isStructSchema()) return ns.isUnionSchema() ? undefined : compileStruct(ns, depth);
  if (ns.isListSchema()) {
    const item = compile(ns.getValueSchema(), depth + 1);
    return item && ((value) => (Array.isArray(value) ? readItems(value, item) : value));
  }
  if (ns.getMergedTraits().mediaType) return undefined;
  if (ns.isStringSchema() || ns.isBooleanSchema()) return identity;
  if (ns.isNumericSchema() && !ns.isBigIntegerSchema() && !ns.isBigDecimalSchema()) return numeric;
  return undefined;
}

function compileStruct(ns: NormalizedSchema, depth: number): Reader | undefined {
  const members = new Map<string, Reader>();
  for (const [name, member] of ns.structIterator()) {
    const reader = compile(member, depth + 1);
    if (!reader) return undefined;
    members.set(name, reader);
  }
  return (value) => {
    if (value === null || typeof value !== 'object') return value;
    const record = value as Record<string, unknown>;
    // The SDK keeps a reply's unmodeled members when it names its type; leave that to it.
    if (typeof record.__type === 'string') throw new NotCompiled();
    return onlyModeled(record, members) ? readInPlace(record, members) : readCopy(record, members);
  };
}

/** Whether every member of `record` is modeled and set: then the object the SDK builds has the same members. */
function onlyModeled(record: Record<string, unknown>, members: Map<string, Reader>): boolean {
  if (Array.isArray(record)) return false;
  for (const key in record) if (!members.has(key) || record[key] == null) return false;
  return true;
}

/** The reply's own object, read member by member (it was just parsed and is no one else's). */
function readInPlace(record: Record<string, unknown>, members: Map<string, Reader>): Record<string, unknown> {
  for (const key in record) {
    const before = record[key];
    const after = (members.get(key) as Reader)(before);
    if (after !== before) record[key] = after;
  }
  return record;
}

/** A new object of the modeled, set members, as the SDK builds it. */
function readCopy(record: Record<string, unknown>, members: Map<string, Reader>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, reader] of members) {
    const member = record[name];
    if (member != null) out[name] = reader(member);
  }
  return out;
}

/** In place, as the SDK does. */
function readItems(list: unknown[], item: Reader): unknown[] {
  if (item === identity) return list;
  for (let i = 0; i < list.length; i++) list[i] = item(list[i]);
  return list;
}

const identity: Reader = (value) => value;

const NON_FINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };

function numeric(value: unknown): unknown {
  return typeof value === 'string' && Object.hasOwn(NON_FINITE, value) ? NON_FINITE[value] : value;
}
