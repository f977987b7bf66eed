import fc from 'fast-check';
import { getAtPointer, isJsonObject, type JsonObject } from '../../mock/core/json-pointer.ts';

/** Follows `$ref`s within the document. */
export function resolve(document: JsonObject, node: unknown): JsonObject {
  let current = node;
  for (let hops = 0; isJsonObject(current) && typeof current.$ref === 'string' && hops < 10; hops += 1)
    current = getAtPointer(document, current.$ref);
  return isJsonObject(current) ? current : {};
}

const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });

function stringArbitrary(schema: JsonObject): fc.Arbitrary<string> {
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = Math.min(typeof schema.maxLength === 'number' ? schema.maxLength : 40, 40);
  const fits = (text: string) =>
    text.length >= minLength && text.length <= (typeof schema.maxLength === 'number' ? schema.maxLength : Infinity);
  const example = typeof schema.example === 'string' ? [fc.constant(schema.example)] : [];
  if (schema.format === 'email') return fc.oneof(...example, fc.emailAddress().filter(fits));
  if (schema.format === 'date') return isoDate.map((date) => date.toISOString().slice(0, 10));
  if (schema.format === 'date-time') return isoDate.map((date) => `${date.toISOString().slice(0, 19)}Z`);
  if (typeof schema.pattern === 'string') {
    try {
      return fc.oneof(...example, fc.stringMatching(new RegExp(schema.pattern)).filter(fits));
    } catch {
      // A pattern fast-check cannot build from (lookaheads): the documented example.
      return example[0] ?? fc.string({ minLength, maxLength });
    }
  }
  return fc.oneof(...example, fc.string({ minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, minLength) }));
}

/**
 * Values that satisfy an OpenAPI 3.0 schema of a request (the shapes the two specs use: objects,
 * arrays, strings with patterns and formats, numbers, enums, nullable), from fast-check.
 */
export function schemaArbitrary(document: JsonObject, node: unknown, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(document, node);
  const value = ((): fc.Arbitrary<unknown> => {
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) {
      return fc.oneof(...((schema.oneOf ?? schema.anyOf) as unknown[]).map((option) => schemaArbitrary(document, option, depth + 1)));
    }
    switch (schema.type) {
      case 'string':
        return stringArbitrary(schema);
      case 'integer':
        return fc.integer({
          min: typeof schema.minimum === 'number' ? schema.minimum : -1000,
          max: typeof schema.maximum === 'number' ? schema.maximum : 1000,
        });
      case 'number':
        return fc.double({ min: -1e6, max: 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array': {
        const items = schemaArbitrary(document, schema.items, depth + 1);
        const constraints = {
          minLength: typeof schema.minItems === 'number' ? schema.minItems : 0,
          maxLength: Math.min(typeof schema.maxItems === 'number' ? schema.maxItems : 4, 4),
        };
        return schema.uniqueItems
          ? fc.uniqueArray(items, { ...constraints, selector: (item) => JSON.stringify(item) })
          : fc.array(items, constraints);
      }
      default: {
        const properties = isJsonObject(schema.properties) ? schema.properties : {};
        const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
        const shape = Object.fromEntries(
          Object.entries(properties).map(([name, property]) => [name, schemaArbitrary(document, property, depth + 1)]),
        );
        const minProperties = typeof schema.minProperties === 'number' ? schema.minProperties : 0;
        return fc.record(shape, { requiredKeys: required }).filter((record) => Object.keys(record).length >= minProperties);
      }
    }
  })();
  return schema.nullable === true ? fc.option(value, { nil: null, freq: 5 }) : value;
}
