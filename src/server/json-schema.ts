// A zod schema as an OpenAPI 3.0 schema object (JSON Schema with OpenAPI's boolean
// exclusiveMinimum and nullable), for the request and response bodies of the API document
// and for the settings the web form reads its limits from. It covers the zod types the
// API's input schemas and the wire contract (wire.ts) use, and throws on any other, so a
// schema can never be documented wrongly by omission.
import { z } from 'zod';

export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  description?: string;
  default?: unknown;
  enum?: readonly unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  nullable?: boolean;
}

export interface JsonSchemaOptions {
  /** `default` for top-level properties: values the server fills in that zod does not (auto mode's). */
  defaults?: Readonly<Record<string, unknown>>;
}

function numberSchema(schema: z.ZodNumber): JsonSchema {
  const out: JsonSchema = { type: schema.isInt ? 'integer' : 'number' };
  for (const check of schema._def.checks) {
    if (check.kind === 'min') {
      out.minimum = check.value;
      if (!check.inclusive) out.exclusiveMinimum = true;
    } else if (check.kind === 'max') {
      out.maximum = check.value;
      if (!check.inclusive) out.exclusiveMaximum = true;
    }
  }
  return out;
}

function stringSchema(schema: z.ZodString): JsonSchema {
  const out: JsonSchema = { type: 'string' };
  if (schema.minLength !== null) out.minLength = schema.minLength;
  if (schema.maxLength !== null) out.maxLength = schema.maxLength;
  return out;
}

function objectSchema(schema: z.AnyZodObject, options: JsonSchemaOptions): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodTypeAny>)) {
    const fallback = options.defaults?.[name];
    properties[name] = { ...toJsonSchema(field), ...(fallback === undefined ? {} : { default: fallback }) };
    if (!field.isOptional()) required.push(name);
  }
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(schema._def.unknownKeys === 'strict' ? { additionalProperties: false } : {}),
  };
}

// OpenAPI 3.0 has no tuples: an array of the items' types, with its length fixed.
function tupleSchema(schema: z.ZodTuple): JsonSchema {
  const items = (schema.items as z.ZodTypeAny[]).map((item) => toJsonSchema(item));
  const [first] = items;
  const same = first !== undefined && items.every((i) => JSON.stringify(i) === JSON.stringify(first));
  return {
    type: 'array',
    items: same ? first : { anyOf: items },
    minItems: items.length,
    maxItems: items.length,
  };
}

function bareSchema(schema: z.ZodTypeAny, options: JsonSchemaOptions): JsonSchema {
  if (schema instanceof z.ZodOptional) return toJsonSchema(schema.unwrap());
  if (schema instanceof z.ZodNullable) return { ...toJsonSchema(schema.unwrap()), nullable: true };
  if (schema instanceof z.ZodDefault)
    return { ...toJsonSchema(schema.removeDefault()), default: schema._def.defaultValue() };
  if (schema instanceof z.ZodEffects) return toJsonSchema(schema.innerType());
  if (schema instanceof z.ZodNumber) return numberSchema(schema);
  if (schema instanceof z.ZodString) return stringSchema(schema);
  if (schema instanceof z.ZodBoolean) return { type: 'boolean' };
  if (schema instanceof z.ZodEnum) return { type: 'string', enum: schema.options as string[] };
  if (schema instanceof z.ZodLiteral) return { enum: [schema.value] };
  if (schema instanceof z.ZodArray) {
    const out: JsonSchema = { type: 'array', items: toJsonSchema(schema.element) };
    if (schema._def.minLength) out.minItems = schema._def.minLength.value;
    if (schema._def.maxLength) out.maxItems = schema._def.maxLength.value;
    return out;
  }
  if (schema instanceof z.ZodUnion)
    return { anyOf: (schema.options as z.ZodTypeAny[]).map((option) => toJsonSchema(option)) };
  if (schema instanceof z.ZodObject) return objectSchema(schema, options);
  if (schema instanceof z.ZodRecord)
    return { type: 'object', additionalProperties: toJsonSchema(schema.valueSchema) };
  if (schema instanceof z.ZodTuple) return tupleSchema(schema);
  // Any JSON value: the empty schema.
  if (schema instanceof z.ZodUnknown) return {};
  throw new Error(`toJsonSchema: no JSON Schema for ${String(schema._def.typeName)}`);
}

/**
 * The JSON Schema of a zod schema: types, limits, enums, required fields, descriptions.
 *
 * @example
 * toJsonSchema(z.object({ n: z.number().int().min(1).max(9).describe('seeds') }));
 * // { type: 'object', properties: { n: { type: 'integer', minimum: 1, maximum: 9, description: 'seeds' } },
 * //   required: ['n'] }
 */
export function toJsonSchema(schema: z.ZodTypeAny, options: JsonSchemaOptions = {}): JsonSchema {
  const out = bareSchema(schema, options);
  // An optional or default wrapper carries its inner schema's description along.
  return schema.description === undefined ? out : { ...out, description: schema.description };
}
