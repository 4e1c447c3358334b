/** The pure reconcile core: pair → normalize → diff → plan, the idempotency token, outcomes and errors. */
export { pair } from './pair.js';
export {
  normalize,
  NORMALIZERS,
  dropNulls,
  dropServerMembers,
  dropGrants,
  defaultFalseBooleans,
  defaultEmptyCollections,
  parseNumericStrings,
  canonicalInstants,
  keyListsByName,
  sortKeys,
  toCanonicalInstant,
  type Normalizer,
} from './normalize.js';
export { diff, checkIgnore, parsePointer, WILDCARD } from './diff.js';
export { planLicense, planRetirement, buildPlan, summarize } from './plan.js';
export { immutableChange, serviceStatusNote, IMMUTABLE_MEMBERS, ISSUER_STATUSES } from './immutable.js';
export { clientToken } from './token.js';
export { plannedWrite, versionRequest, type PlannedWrite } from './request.js';
export { SEVERITY, worst, summarizeOutcomes } from './outcome.js';
export type { Outcome, ApplyResult, ApplySummary } from './outcome.js';
export { licenseError, formatError } from './errors.js';
export type { ErrorCode, Fault, LicenseError } from './errors.js';
export type * from './types.js';
export type * from './ports.js';
