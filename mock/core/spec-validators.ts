import type { Options, ValidateFunction } from 'ajv';
import { isJsonObject, type JsonObject } from './json-pointer.ts';
import { addOpenApiDocument, createAjv, toJsonSchema, type JsonSchema } from './openapi-schema.ts';

/**
 * Validators generated ahead of time for one document (Ajv's standalone code, written by
 * scripts/standalone-validators.ts into the bundles), by site key.
 */
export interface GeneratedValidators {
  /** The fingerprint of the document they were generated from: they serve that document only. */
  fingerprint: string;
  validators: Readonly<Record<string, ValidateFunction>>;
}

/**
 * `generated` when it was generated from the document of that fingerprint, else nothing: a
 * document that changed since the build compiles its validators at run time, never with stale code.
 * The fingerprint is asked for only when there is generated code.
 */
export function generatedFor(
  generated: GeneratedValidators | undefined,
  fingerprint: () => string | undefined,
): GeneratedValidators | undefined {
  return generated !== undefined && generated.fingerprint === fingerprint() ? generated : undefined;
}

/**
 * Ajv options of a spec's validators, the same whether compiled at run time or generated ahead of
 * time, so that both give the same errors. Over AJV_OPTIONS: no check of the schemas against
 * Ajv's meta-schema (compiling it costs 80 ms of every start-up; spec/specs.test.ts compiles every
 * schema with the check on); `$ref`s called, not inlined (a component is compiled once, whatever
 * number of sites name it: a third less generated code); no Ajv messages (problem-messages.ts
 * words every error from its keyword and parameters).
 */
export const SPEC_AJV_OPTIONS = { validateSchema: false, inlineRefs: false, messages: false } as const satisfies Options;

/** A site's schema as Ajv compiles it: JSON Schema, its local `$ref`s pointing into the document registered under `id`. */
export function siteSchema(schema: unknown, id: string): JsonSchema {
  return toJsonSchema(schema, { refBase: id });
}

/**
 * The key of a site (a schema written in the document, where a parameter, body or header uses it):
 * its JSON pointer, or for a bare `$ref` the component it names, so that every site naming one
 * component shares one validator.
 */
export function siteKey(pointer: string, schema: unknown): string {
  return isJsonObject(schema) && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/') ? schema.$ref.slice(1) : pointer;
}

/**
 * The validators of one document, one per site. A site takes the generated validator of its key
 * when there is one; otherwise it compiles on first use (a spec has a few hundred schemas and most
 * runs touch a fraction of them, so start-up stays fast), the document's schemas registered in
 * Ajv on the first compile.
 */
export class SpecValidators {
  /** Every site asked for so far (all of them once the spec's operations are built), by key: what code is generated for. */
  readonly sites = new Map<string, unknown>();
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #document: JsonObject;
  readonly #id: string;
  readonly #generated: GeneratedValidators['validators'];
  #compile: ((schema: unknown) => ValidateFunction) | undefined;

  constructor(document: JsonObject, id: string, generated?: GeneratedValidators) {
    this.#document = document;
    this.#id = id;
    this.#generated = generated?.validators ?? {};
  }

  /** How many validators were taken from the generated ones. */
  get generatedCount(): number {
    return [...this.#validators.keys()].filter((key) => Object.hasOwn(this.#generated, key)).length;
  }

  /** The validator of the schema written at `pointer`. */
  at(pointer: string, schema: unknown): ValidateFunction {
    const key = siteKey(pointer, schema);
    let validate = this.#validators.get(key);
    if (!validate) {
      this.sites.set(key, schema);
      validate = Object.hasOwn(this.#generated, key) ? this.#generated[key]! : this.#lazy(schema);
      this.#validators.set(key, validate);
    }
    return validate;
  }

  #lazy(schema: unknown): ValidateFunction {
    let compiled: ValidateFunction | undefined;
    const validate = ((data: unknown) => {
      compiled ??= this.#compiler()(schema);
      const valid = compiled(data);
      validate.errors = compiled.errors;
      return valid;
    }) as ValidateFunction;
    return validate;
  }

  #compiler(): (schema: unknown) => ValidateFunction {
    if (!this.#compile) {
      const ajv = createAjv(SPEC_AJV_OPTIONS);
      addOpenApiDocument(ajv, this.#document, this.#id, { componentsOnly: true });
      this.#compile = (schema) => ajv.compile(siteSchema(schema, this.#id));
    }
    return this.#compile;
  }
}
