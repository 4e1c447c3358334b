/**
 * Checking a request against its input shape (shapes.ts): the first violation,
 * phrased the way the service does.
 */
import { canonicalInstant, isObject } from './form.js';

/** A model shape, reduced to what validation needs. */
export type Shape =
  | { kind: 'string'; enum?: readonly string[]; pattern?: RegExp; max?: number; instant?: boolean }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'list'; member: Shape; min?: number; max?: number }
  | { kind: 'structure'; members: Record<string, Shape>; required?: readonly string[] };

export type StructureShape = Extract<Shape, { kind: 'structure' }>;

/** The range a count must lie in: a string's or a list's length, an integer's value. */
export type Bounds = { min?: number; max?: number };

/** The first violation of `shape` by `value`, phrased as the service does; undefined when valid. */
export function firstViolation(shape: Shape, value: unknown, path = ''): string | undefined {
  const at = (constraint: string): string => violation(value, path, constraint);
  switch (shape.kind) {
    case 'string':
      return stringViolation(shape, value, at);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return at('Member must be an integer');
      return outOfBounds(value, 'value', shape, at);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : at('Member must be a boolean');
    case 'list': {
      if (!Array.isArray(value)) return at('Member must be a list');
      const bounds = outOfBounds(value.length, 'length', shape, at);
      if (bounds) return bounds;
      for (const [i, item] of value.entries()) {
        const found = firstViolation(shape.member, item, `${path}.${i + 1}`);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    case 'structure':
      return structureViolation(shape, value, path, at);
  }
}

/** The violation, phrased by `at`, when `n` (a length or a value, as `measure` says) is out of `bounds`. */
export function outOfBounds(n: number, measure: 'length' | 'value', bounds: Bounds, at: Phrase): string | undefined {
  if (bounds.min !== undefined && n < bounds.min)
    return at(`Member must have ${measure} greater than or equal to ${bounds.min}`);
  if (bounds.max !== undefined && n > bounds.max)
    return at(`Member must have ${measure} less than or equal to ${bounds.max}`);
  return undefined;
}

function stringViolation(shape: Extract<Shape, { kind: 'string' }>, value: unknown, at: Phrase): string | undefined {
  if (typeof value !== 'string') return at('Member must be a string');
  const bounds = outOfBounds(value.length, 'length', shape, at);
  if (bounds) return bounds;
  if (shape.enum && !shape.enum.includes(value))
    return at(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  if (shape.pattern && !shape.pattern.test(value))
    return at(`Member must satisfy regular expression pattern: ${shape.pattern.source}`);
  if (shape.instant && canonicalInstant(value) === undefined) return at('Member must be an ISO 8601 date-time');
  return undefined;
}

function structureViolation(shape: StructureShape, value: unknown, path: string, at: Phrase): string | undefined {
  if (!isObject(value)) return at('Member must be a structure');
  const prefix = path ? `${path}.` : '';
  for (const name of shape.required ?? []) {
    if (value[name] === undefined || value[name] === null)
      return violation(null, `${prefix}${name}`, 'Member must not be null');
  }
  for (const [name, member] of Object.entries(shape.members)) {
    if (value[name] === undefined || value[name] === null) continue;
    const found = firstViolation(member, value[name], `${prefix}${name}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Words a broken constraint as a violation. */
type Phrase = (constraint: string) => string;

/** One violation as the service words it: the value (shortened), where it is, the constraint it breaks. */
function violation(value: unknown, path: string, constraint: string): string {
  return `1 validation error detected: Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
