/**
 * Checking a request against its input shape (shapes.ts): the first violation,
 * phrased the way the service does.
 */
import { canonicalInstant } from './form.js';

/** A model shape, reduced to what validation needs. */
export type Shape =
  | { kind: 'string'; enum?: readonly string[]; pattern?: RegExp; max?: number; instant?: boolean }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'list'; member: Shape; min?: number; max?: number }
  | { kind: 'structure'; members: Record<string, Shape>; required?: readonly string[] };

/** The first violation of `shape` by `value`, phrased as the service does; undefined when valid. */
export function firstViolation(shape: Shape, value: unknown, path = ''): string | undefined {
  const at = (constraint: string): string =>
    `1 validation error detected: Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
  switch (shape.kind) {
    case 'string':
      return stringViolation(shape, value, at);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return at('Member must be an integer');
      if (shape.min !== undefined && value < shape.min)
        return at(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max)
        return at(`Member must have value less than or equal to ${shape.max}`);
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : at('Member must be a boolean');
    case 'list':
      if (!Array.isArray(value)) return at('Member must be a list');
      if (shape.min !== undefined && value.length < shape.min)
        return at(`Member must have length greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max)
        return at(`Member must have length less than or equal to ${shape.max}`);
      for (const [i, item] of value.entries()) {
        const found = firstViolation(shape.member, item, `${path}.${i + 1}`);
        if (found !== undefined) return found;
      }
      return undefined;
    case 'structure':
      return structureViolation(shape, value, path, at);
  }
}

function stringViolation(
  shape: Extract<Shape, { kind: 'string' }>,
  value: unknown,
  at: (constraint: string) => string,
): string | undefined {
  if (typeof value !== 'string') return at('Member must be a string');
  if (shape.max !== undefined && value.length > shape.max)
    return at(`Member must have length less than or equal to ${shape.max}`);
  if (shape.enum && !shape.enum.includes(value))
    return at(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  if (shape.pattern && !shape.pattern.test(value))
    return at(`Member must satisfy regular expression pattern: ${shape.pattern.source}`);
  if (shape.instant && canonicalInstant(value) === undefined) return at('Member must be an ISO 8601 date-time');
  return undefined;
}

function structureViolation(
  shape: Extract<Shape, { kind: 'structure' }>,
  value: unknown,
  path: string,
  at: (constraint: string) => string,
): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return at('Member must be a structure');
  const object = value as Record<string, unknown>;
  const prefix = path ? `${path}.` : '';
  for (const name of shape.required ?? []) {
    if (object[name] === undefined || object[name] === null) {
      return `1 validation error detected: Value null at '${prefix}${name}' failed to satisfy constraint: Member must not be null`;
    }
  }
  for (const [name, member] of Object.entries(shape.members)) {
    if (object[name] === undefined || object[name] === null) continue;
    const found = firstViolation(member, object[name], `${prefix}${name}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  const text = typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
