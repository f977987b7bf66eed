// The specs' validators as code generated at build time (Ajv's standalone code), put by the
// bundles in place of mock/core/generated-validators.ts: no validator compiles in a bundled mock
// (not at start-up, not on its first requests), and the MSW bundle runs in a page whose
// Content-Security-Policy forbids eval. The same sites (compileSpec lists them), the same Ajv
// options (SPEC_AJV_OPTIONS) and the same schema conversion as at run time, so both give the same
// errors (standalone-validators.test.ts checks it); each spec's validators carry the fingerprint of
// the document they come from, and serve no other (generatedFor).
import type { AnySchema } from 'ajv';
import standalone from 'ajv/dist/standalone/index.js';
import type { Plugin } from 'esbuild';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { specFingerprint } from '../mock/core/compiled-spec.ts';
import type { JsonObject } from '../mock/core/json-pointer.ts';
import { addOpenApiDocument, createAjv } from '../mock/core/openapi-schema.ts';
import { PACKAGE_ROOT as ROOT } from '../mock/core/package-root.ts';
import { compileSpec } from '../mock/core/spec-compiler.ts';
import { SPEC_FILES, type SpecName } from '../mock/core/spec-files.ts';
import { SPEC_AJV_OPTIONS, siteSchema } from '../mock/core/spec-validators.ts';

// A CommonJS module; under NodeNext its default import is typed as the module namespace.
const standaloneCode = standalone.default;

export interface SpecDocument {
  name: SpecName;
  document: JsonObject;
}

/** The three specs as the build reads them (the YAML files). */
export function specDocuments(): SpecDocument[] {
  return SPEC_FILES.map((file) => ({ name: file.name, document: load(readFileSync(file.path, 'utf8')) as JsonObject }));
}

/**
 * An ES module exporting `GENERATED_VALIDATORS` (the shape of mock/core/generated-validators.ts)
 * for the documents: one validator per site of each, all from one Ajv, so that the runtime helpers
 * and the formats are in the code once. The code `require`s Ajv's runtime helpers and ajv-formats'
 * formats: esbuild bundles them.
 */
export function generatedValidatorsSource(specs: readonly SpecDocument[]): string {
  const ajv = createAjv({ ...SPEC_AJV_OPTIONS, code: { source: true, esm: true } });
  const exports: Record<string, string> = {};
  const table = specs.map(({ name, document }) => {
    const id = `spec://${name}`;
    addOpenApiDocument(ajv, document, id, { componentsOnly: true });
    const entries = [...compileSpec(document, id).validators.sites].map(([key, schema]) => {
      const exported = `v${Object.keys(exports).length}`;
      ajv.addSchema(siteSchema(schema, id) as AnySchema, exported);
      exports[exported] = exported;
      return `${JSON.stringify(key)}: ${exported}`;
    });
    return `  ${JSON.stringify(name)}: { fingerprint: ${JSON.stringify(specFingerprint(document))}, validators: { ${entries.join(', ')} } },`;
  });
  return [standaloneCode(ajv, exports), 'export const GENERATED_VALIDATORS = {', ...table, '};', ''].join('\n');
}

/** The esbuild plugin that puts the validators generated from `specs` in place of mock/core/generated-validators.ts. */
export function generatedValidators(specs: () => readonly SpecDocument[] = specDocuments): Plugin {
  return {
    name: 'pocketm8-generated-validators',
    setup(esbuild) {
      esbuild.onLoad({ filter: /[\\/]mock[\\/]core[\\/]generated-validators\.ts$/ }, () => ({
        contents: generatedValidatorsSource(specs()),
        loader: 'js',
        resolveDir: ROOT,
      }));
    },
  };
}
