import { addOpenApiDocument, createAjv, toJsonSchema } from '../../mock/core/openapi-schema.ts';
import { listExampleSites, listSchemaSites } from '../../mock/core/openapi-walk.ts';

export interface InvalidExample {
  /** Where the example is written. */
  pointer: string;
  /** Where the schema it breaks is written. */
  schemaPointer: string;
  /** Ajv's errors, or why the schema would not compile. */
  problem: string;
}

/**
 * Checks every example of an OpenAPI 3.0 document (see `listExampleSites`) against its schema with
 * the project's strict Ajv; returns those that fail, or whose schema does not compile.
 */
export function findInvalidExamples(document: unknown, id = 'openapi:document'): InvalidExample[] {
  const ajv = createAjv();
  addOpenApiDocument(ajv, document, id);
  const failures: InvalidExample[] = [];
  for (const site of listExampleSites(document)) {
    const where = { pointer: site.pointer, schemaPointer: site.schemaPointer };
    let validate;
    try {
      validate = ajv.compile(toJsonSchema(site.schema, { refBase: id }));
    } catch (error) {
      failures.push({ ...where, problem: `schema does not compile: ${(error as Error).message}` });
      continue;
    }
    if (!validate(site.value)) failures.push({ ...where, problem: ajv.errorsText(validate.errors, { dataVar: 'example' }) });
  }
  return failures;
}

/** Compiles every schema of a document with the project's strict Ajv; returns those that fail, by pointer. */
export function findUncompilableSchemas(document: unknown, id = 'openapi:document'): { pointer: string; problem: string }[] {
  const ajv = createAjv();
  addOpenApiDocument(ajv, document, id);
  return listSchemaSites(document).flatMap((site) => {
    try {
      ajv.compile(toJsonSchema(site.schema, { refBase: id }));
      return [];
    } catch (error) {
      return [{ pointer: site.pointer, problem: (error as Error).message }];
    }
  });
}
