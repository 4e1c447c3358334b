/**
 * fast-check arbitraries for license documents, shared by the reconcile tests
 * (and free for others to reuse):
 *   - `licenseDocumentArb`: a valid LicenseDocument in the form a manifest holds;
 *   - `equivalentFormArb(doc)`: the same license written differently, the way
 *     GetLicense may answer (shuffled lists, false/empty members omitted or null,
 *     instants with other offsets and precision, numbers as strings, server
 *     members added, keys reordered). None of those differences is drift.
 */
import fc from 'fast-check';
import type { Entitlement, LicenseDocument, LiveLicense, MetadataEntry } from '../../src/reconcile/types.js';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'];
/** The statuses a manifest may set (the others are set by License Manager). */
export const STATUSES = ['AVAILABLE', 'DEACTIVATED'];
const UNITS = ['Count', 'None', 'Seconds', 'Gigabytes', 'Bits/Second'];

/** Names with the characters JSON pointers must escape, and plain ones. */
export const nameArb = fc.oneof(
  fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', '/', '~', ' ', '-', '.', '1'), minLength: 1, maxLength: 8 }),
  fc.string({ minLength: 1, maxLength: 12 }),
);

const MIN_TIME = Date.UTC(2000, 0, 1);
const MAX_TIME = Date.UTC(2099, 11, 31);

/** A canonical instant (UTC, milliseconds), as `toISOString` writes it. */
export const instantArb = fc.integer({ min: MIN_TIME, max: MAX_TIME }).map((ms) => new Date(ms).toISOString());

const entitlementArb = (name: string): fc.Arbitrary<Entitlement> =>
  fc.record(
    {
      Name: fc.constant(name),
      Value: fc.string({ maxLength: 6 }),
      MaxCount: fc.nat({ max: 1_000_000 }),
      Overage: fc.boolean(),
      Unit: fc.constantFrom(...UNITS),
      AllowCheckIn: fc.boolean(),
    },
    { requiredKeys: ['Name', 'Unit'] },
  );

const entitlementsArb: fc.Arbitrary<Entitlement[]> = fc
  .uniqueArray(nameArb, { maxLength: 5 })
  .chain((names) => fc.tuple(...names.map(entitlementArb)));

const metadataArb: fc.Arbitrary<MetadataEntry[]> = fc.uniqueArray(
  fc.record({ Name: nameArb, Value: fc.string({ maxLength: 10 }) }),
  { selector: (entry) => entry.Name, maxLength: 4 },
);

const consumptionArb = fc.record(
  {
    RenewType: fc.constantFrom('None', 'Weekly', 'Monthly'),
    ProvisionalConfiguration: fc.record({ MaxTimeToLiveInMinutes: fc.integer({ min: 1, max: 10_000 }) }),
    BorrowConfiguration: fc.record({
      AllowEarlyCheckIn: fc.boolean(),
      MaxTimeToLiveInMinutes: fc.integer({ min: 1, max: 10_000 }),
    }),
  },
  { requiredKeys: [] },
);

/** Begin, and an End after it or none. */
const validityArb = fc
  .tuple(
    fc.integer({ min: MIN_TIME, max: MAX_TIME }),
    fc.option(fc.integer({ min: 1, max: 10 * 365 * 86_400_000 }), { nil: undefined }),
  )
  .map(([begin, length]) => {
    const Begin = new Date(begin).toISOString();
    return length === undefined ? { Begin } : { Begin, End: new Date(begin + length).toISOString() };
  });

/** A valid LicenseDocument, as a manifest holds it. */
export const licenseDocumentArb: fc.Arbitrary<LicenseDocument> = fc
  .record(
    {
      LicenseArn: fc
        .stringMatching(/^[0-9a-f]{32}$/)
        .map((id) => `arn:aws:license-manager::123456789012:license:l-${id}`),
      LicenseName: fc.string({ minLength: 1, maxLength: 20 }),
      ProductName: fc.string({ minLength: 1, maxLength: 20 }),
      Issuer: fc.record(
        { Name: fc.string({ minLength: 1, maxLength: 10 }), SignKey: fc.string({ maxLength: 10 }) },
        { requiredKeys: ['Name'] },
      ),
      HomeRegion: fc.constantFrom(...REGIONS),
      Validity: validityArb,
      LicenseMetadata: metadataArb,
      Entitlements: entitlementsArb,
      ConsumptionConfiguration: consumptionArb,
      Status: fc.constantFrom(...STATUSES),
    },
    {
      requiredKeys: [
        'LicenseArn',
        'LicenseName',
        'ProductName',
        'Issuer',
        'HomeRegion',
        'Validity',
        'Entitlements',
        'ConsumptionConfiguration',
        'Status',
      ],
    },
  )
  .map(asJson);

/** Marks a member the variant leaves out. */
const OMIT = Symbol('omit');
type Form<T> = T | null | typeof OMIT;

/** An object without the members marked OMIT, its keys in a random order. */
function build(members: Record<string, unknown>, order: number[]): Record<string, unknown> {
  const entries = Object.entries(members).filter(([, value]) => value !== OMIT);
  const keyed = entries.map((entry, index) => ({ entry, rank: order[index % Math.max(order.length, 1)] ?? 0 }));
  return Object.fromEntries(keyed.sort((a, b) => a.rank - b.rank).map(({ entry }) => entry));
}

const orderArb = fc.array(fc.nat(), { minLength: 12, maxLength: 12 });

/** false, or the same thing omitted or null. */
function falseForm(value: boolean | undefined): fc.Arbitrary<Form<boolean>> {
  return value === true ? fc.constant(true) : fc.constantFrom<Form<boolean>>(false, OMIT, null);
}

/** A missing optional member, omitted or null. */
function optionalForm<T>(value: T | undefined, present: (v: T) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return value === undefined ? fc.constantFrom<unknown>(OMIT, null) : present(value);
}

/** A number, or the same number as a numeric string. */
function numberForm(value: number | undefined): fc.Arbitrary<unknown> {
  return optionalForm(value, (n) => fc.constantFrom<unknown>(n, String(n)));
}

/** The same instant with another UTC offset and precision. */
export function instantForm(iso: string): fc.Arbitrary<string> {
  const ms = Date.parse(iso);
  return fc
    .tuple(fc.integer({ min: -14 * 4, max: 14 * 4 }), fc.constantFrom('short', 'millis', 'micros'), fc.boolean())
    .map(([quarters, precision, zulu]) =>
      writeInstant(ms, zulu && quarters === 0 ? undefined : quarters * 15, precision),
    );
}

function writeInstant(ms: number, offsetMinutes: number | undefined, precision: string): string {
  const shifted = new Date(ms + (offsetMinutes ?? 0) * 60_000).toISOString();
  const [wall = '', millis = ''] = shifted.slice(0, -1).split('.');
  const fraction =
    precision === 'millis'
      ? `.${millis}`
      : precision === 'micros'
        ? `.${millis}000`
        : millis === '000'
          ? ''
          : `.${millis}`;
  return wall + fraction + zone(offsetMinutes);
}

function zone(offsetMinutes: number | undefined): string {
  if (offsetMinutes === undefined) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** A list in another order, or, when empty or missing, omitted, null or []. */
function listForm<T>(list: T[] | undefined, item: (value: T) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  if (list === undefined || list.length === 0) return fc.constantFrom<unknown>(OMIT, null, []);
  return fc
    .shuffledSubarray(list, { minLength: list.length, maxLength: list.length })
    .chain((shuffled) => fc.tuple(...shuffled.map(item)));
}

function entitlementForm(e: Entitlement): fc.Arbitrary<unknown> {
  return fc
    .record({
      Name: fc.constant(e.Name),
      Value: optionalForm(e.Value, fc.constant),
      MaxCount: numberForm(e.MaxCount),
      Overage: falseForm(e.Overage),
      Unit: fc.constant(e.Unit),
      AllowCheckIn: falseForm(e.AllowCheckIn),
      order: orderArb,
    })
    .map(({ order, ...members }) => build(members, order));
}

function consumptionForm(config: LicenseDocument['ConsumptionConfiguration']): fc.Arbitrary<unknown> {
  const { RenewType, ProvisionalConfiguration: provisional, BorrowConfiguration: borrow } = config;
  if (RenewType === undefined && provisional === undefined && borrow === undefined) {
    return fc.constantFrom<unknown>(OMIT, null, {});
  }
  return fc
    .record({
      RenewType: optionalForm(RenewType, fc.constant),
      ProvisionalConfiguration: optionalForm(provisional, (p) =>
        numberForm(p.MaxTimeToLiveInMinutes).map((MaxTimeToLiveInMinutes) => ({ MaxTimeToLiveInMinutes })),
      ),
      BorrowConfiguration: optionalForm(borrow, (b) =>
        fc
          .record({
            AllowEarlyCheckIn: falseForm(b.AllowEarlyCheckIn),
            MaxTimeToLiveInMinutes: numberForm(b.MaxTimeToLiveInMinutes),
            order: orderArb,
          })
          .map(({ order, ...members }) => build(members, order)),
      ),
      order: orderArb,
    })
    .map(({ order, ...members }) => build(members, order));
}

/** Members GetLicense adds that a manifest does not have. */
const serverMembersArb = fc.record(
  {
    Version: fc.integer({ min: 1, max: 99 }).map(String),
    CreateTime: instantArb.map((iso) => String(Math.floor(Date.parse(iso) / 1000))),
    ProductSKU: fc.string({ maxLength: 8 }),
    Beneficiary: fc.constant('arn:aws:iam::123456789012:root'),
    $schema: fc.constant('../schemas/license.schema.json'),
  },
  { requiredKeys: [] },
);

/**
 * The same license as `doc` in another form; when `withServerMembers`, with
 * server-side members added (as GetLicense returns it).
 */
export function equivalentFormArb(doc: LicenseDocument, withServerMembers = true): fc.Arbitrary<LiveLicense> {
  return fc
    .record({
      LicenseArn: fc.constantFrom<unknown>(doc.LicenseArn, OMIT),
      LicenseName: fc.constant(doc.LicenseName),
      ProductName: fc.constant(doc.ProductName),
      Issuer: fc
        .record({
          Name: fc.constant(doc.Issuer.Name),
          SignKey: optionalForm(doc.Issuer.SignKey, fc.constant),
          KeyFingerprint: withServerMembers
            ? fc.constantFrom<unknown>(OMIT, 'aws:294406891311:AWS/Marketplace:issuer-fingerprint')
            : fc.constant(OMIT),
          order: orderArb,
        })
        .map(({ order, ...members }) => build(members, order)),
      HomeRegion: fc.constant(doc.HomeRegion),
      Validity: fc
        .record({ Begin: instantForm(doc.Validity.Begin), End: optionalForm(doc.Validity.End, instantForm) })
        .map((members) => build(members, [1, 0])),
      LicenseMetadata: listForm(doc.LicenseMetadata, (entry) =>
        fc.constantFrom<unknown>(entry, { Value: entry.Value, Name: entry.Name }),
      ),
      Entitlements: listForm(doc.Entitlements, entitlementForm),
      ConsumptionConfiguration: consumptionForm(doc.ConsumptionConfiguration),
      Status: fc.constant(doc.Status),
      server: withServerMembers ? serverMembersArb : fc.constant({}),
      order: orderArb,
    })
    .map(({ order, server, ...members }) => asJson(build({ ...members, ...server }, order) as LiveLicense));
}

/** A license document and the same license in another form. */
export const documentAndEquivalentArb = licenseDocumentArb.chain((doc) =>
  fc.tuple(fc.constant(doc), equivalentFormArb(doc)),
);

/** Plain JSON, as parsed from a file or an API answer (fast-check builds null-prototype objects). */
export function asJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Freezes `value` and everything in it, so a mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
