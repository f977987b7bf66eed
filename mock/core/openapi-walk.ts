import { getAtPointer, isJsonObject, toPointer, type JsonObject } from './json-pointer.ts';

/** The HTTP methods an OpenAPI 3.0 Path Item may hold. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A Schema Object written directly in the document (not inside another schema). */
export interface SchemaSite {
  pointer: string;
  schema: unknown;
}

/** An example value and the schema it must satisfy. */
export interface ExampleSite {
  /** Where the example is written (for `$ref`'d Example Objects: where it is used). */
  pointer: string;
  value: unknown;
  /** Where the schema that the example must satisfy is written. */
  schemaPointer: string;
  schema: unknown;
}

export interface Operation {
  path: string;
  method: HttpMethod;
  operation: JsonObject;
}

/** Every operation of the document, in document order. */
export function listOperations(document: unknown): Operation[] {
  const paths = isJsonObject(document) && isJsonObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = isJsonObject(item) ? item[method] : undefined;
      return isJsonObject(operation) ? [{ path, method, operation }] : [];
    }),
  );
}

/** Every Schema Object written directly in the document: components, parameters, headers, media types. */
export function listSchemaSites(document: unknown): SchemaSite[] {
  return walk(document).schemas;
}

/**
 * Every example in the document with the schema it must satisfy: media-type `example` and
 * `examples.*.value` (request bodies, responses, parameters), parameter and header `example` and
 * `examples.*.value`, and schema `example` at any depth (checked against the schema that carries it).
 * Examples without a schema to check against, and `externalValue` examples, are left out.
 */
export function listExampleSites(document: unknown): ExampleSite[] {
  return walk(document).examples;
}

interface Sites {
  schemas: SchemaSite[];
  examples: ExampleSite[];
}

type Tokens = readonly string[];

function walk(document: unknown): Sites {
  const sites: Sites = { schemas: [], examples: [] };
  if (!isJsonObject(document)) return sites;
  const each = (value: unknown, at: Tokens, visit: (item: JsonObject, itemAt: Tokens) => void): void => {
    if (Array.isArray(value)) value.forEach((item, index) => isJsonObject(item) && visit(item, [...at, String(index)]));
    else if (isJsonObject(value)) for (const [key, item] of Object.entries(value)) if (isJsonObject(item)) visit(item, [...at, key]);
  };
  // A `$ref` to a component is skipped where it is used: the component is walked where it is defined.
  const unlessRef = (visit: (item: JsonObject, at: Tokens) => void) => (item: JsonObject, at: Tokens) => {
    if (typeof item.$ref !== 'string') visit(item, at);
  };

  const schema = (value: unknown, at: Tokens): void => {
    sites.schemas.push({ pointer: toPointer(at), schema: value });
    schemaExamples(value, at, sites);
  };
  const examplesOf = (owner: JsonObject, at: Tokens): void => {
    if (owner.schema === undefined) return;
    const schemaAt = toPointer([...at, 'schema']);
    if ('example' in owner)
      sites.examples.push({ pointer: toPointer([...at, 'example']), value: owner.example, schemaPointer: schemaAt, schema: owner.schema });
    each(owner.examples, [...at, 'examples'], (example, exampleAt) => {
      const resolved = typeof example.$ref === 'string' ? getAtPointer(document, example.$ref) : example;
      if (isJsonObject(resolved) && 'value' in resolved) {
        sites.examples.push({
          pointer: toPointer([...exampleAt, 'value']),
          value: resolved.value,
          schemaPointer: schemaAt,
          schema: owner.schema,
        });
      }
    });
  };
  const mediaType = (media: JsonObject, at: Tokens): void => {
    if (media.schema !== undefined) schema(media.schema, [...at, 'schema']);
    examplesOf(media, at);
  };
  const parameterOrHeader = (parameter: JsonObject, at: Tokens): void => {
    if (parameter.schema !== undefined) schema(parameter.schema, [...at, 'schema']);
    examplesOf(parameter, at);
    each(parameter.content, [...at, 'content'], mediaType);
  };
  const requestBody = (body: JsonObject, at: Tokens): void => each(body.content, [...at, 'content'], mediaType);
  const response = (value: JsonObject, at: Tokens): void => {
    each(value.headers, [...at, 'headers'], unlessRef(parameterOrHeader));
    each(value.content, [...at, 'content'], mediaType);
  };
  const operation = (value: JsonObject, at: Tokens): void => {
    each(value.parameters, [...at, 'parameters'], unlessRef(parameterOrHeader));
    if (isJsonObject(value.requestBody)) unlessRef(requestBody)(value.requestBody, [...at, 'requestBody']);
    each(value.responses, [...at, 'responses'], unlessRef(response));
  };

  each(document.paths, ['paths'], (item, at) => {
    each(item.parameters, [...at, 'parameters'], unlessRef(parameterOrHeader));
    for (const method of HTTP_METHODS) if (isJsonObject(item[method])) operation(item[method], [...at, method]);
  });
  const components = isJsonObject(document.components) ? document.components : {};
  for (const [name, value] of Object.entries(isJsonObject(components.schemas) ? components.schemas : {})) {
    schema(value, ['components', 'schemas', name]);
  }
  each(components.parameters, ['components', 'parameters'], unlessRef(parameterOrHeader));
  each(components.headers, ['components', 'headers'], unlessRef(parameterOrHeader));
  each(components.requestBodies, ['components', 'requestBodies'], unlessRef(requestBody));
  each(components.responses, ['components', 'responses'], unlessRef(response));
  return sites;
}

/** Schema-level `example`s at any depth below a schema, each checked against the schema carrying it. */
function schemaExamples(schema: unknown, at: Tokens, sites: Sites): void {
  if (!isJsonObject(schema) || typeof schema.$ref === 'string') return;
  if ('example' in schema) {
    sites.examples.push({ pointer: toPointer([...at, 'example']), value: schema.example, schemaPointer: toPointer(at), schema });
  }
  const properties = isJsonObject(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) schemaExamples(property, [...at, 'properties', name], sites);
  for (const key of ['items', 'additionalProperties', 'not'] as const) schemaExamples(schema[key], [...at, key], sites);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((item, index) => schemaExamples(item, [...at, key, String(index)], sites));
  }
}
