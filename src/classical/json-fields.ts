// Readers for the fields of a serialised fit: each checks the type and throws an Error that
// names the method and the field, so a corrupt model file says what is wrong with it.

import type { ClassicalJSON } from './types.ts';

function fail(json: ClassicalJSON, key: string, want: string): never {
  throw new Error(
    `classical '${json.method}' JSON: field '${key}' must be ${want}, got ${JSON.stringify(json[key])}`,
  );
}

export function readFinite(json: ClassicalJSON, key: string): number {
  const v = json[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(json, key, 'a finite number');
  return v;
}

export function readInteger(json: ClassicalJSON, key: string, min: number): number {
  const v = json[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(json, key, `an integer ≥ ${min}`);
  return v;
}

export function readFiniteArray(json: ClassicalJSON, key: string, length?: number): Float64Array {
  const v = json[key];
  const ok = Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
  if (!ok || (length !== undefined && v.length !== length)) {
    fail(json, key, `an array of ${length ?? 'any number of'} finite numbers`);
  }
  return Float64Array.from(v as number[]);
}

export function readChoice<T extends string>(json: ClassicalJSON, key: string, choices: readonly T[]): T {
  const v = json[key];
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v)) {
    fail(json, key, `one of ${choices.join('|')}`);
  }
  return v as T;
}

export function readBoolean(json: ClassicalJSON, key: string): boolean {
  const v = json[key];
  if (typeof v !== 'boolean') fail(json, key, 'true or false');
  return v;
}

/** Reads a nested object field (or null when allowed) as a ClassicalJSON-like record. */
export function readRecord(json: ClassicalJSON, key: string, nullable: boolean): ClassicalJSON | null {
  const v = json[key];
  if (v === null && nullable) return null;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    fail(json, key, nullable ? 'an object or null' : 'an object');
  }
  return { ...(v as Record<string, unknown>), method: `${json.method}.${key}` };
}
