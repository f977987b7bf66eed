import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import { GENERATED_VALIDATORS } from './generated-validators.ts';
import type { JsonObject } from './json-pointer.ts';
import { PACKAGE_ROOT } from './package-root.ts';
import { compileSpec, type LoadedSpec } from './spec-compiler.ts';
import { SPEC_FILES } from './spec-files.ts';
import { generatedFor } from './spec-validators.ts';

// The specs as the server reads them, from disk. Everything that needs no file system (compiling
// a document, checking a response) is in spec-compiler.ts, and exported here too.
export * from './spec-compiler.ts';

const cache = new Map<string, LoadedSpec>();

/** Where `npm run build` writes a spec as JSON (spec/x.openapi.yaml -> dist/spec/x.openapi.json). */
export function jsonCopyOf(file: string): string {
  return join(PACKAGE_ROOT, 'dist/spec', basename(file).replace(/\.ya?ml$/, '.json'));
}

/**
 * A spec file as a document: from its JSON copy while that is newer than the YAML (parsing the
 * JSON takes a tenth of the time, most of a start-up otherwise), else from the YAML.
 */
export function readDocument(file: string, copy = jsonCopyOf(file)): JsonObject {
  const copied = statSync(copy, { throwIfNoEntry: false });
  if (copied && copied.mtimeMs >= statSync(file).mtimeMs) return JSON.parse(readFileSync(copy, 'utf8')) as JsonObject;
  // js-yaml (four times faster than `yaml` on the Pocketm8 spec), loaded only when needed.
  const { load } = createRequire(import.meta.url)('js-yaml') as typeof JsYaml;
  return load(readFileSync(file, 'utf8')) as JsonObject;
}

/** What generated validators are keyed by: the SHA-256 of the document as JSON (the same from the YAML and from its JSON copy). */
export function specFingerprint(document: JsonObject): string {
  return createHash('sha256').update(JSON.stringify(document)).digest('hex');
}

/**
 * Reads an OpenAPI 3.0 file and compiles, once per process, a validator for every parameter
 * set, request body and response body it declares: the code generated at build time where it was
 * generated from this document (in the bundles), else compiled on first use.
 */
export function loadSpec(file: string): LoadedSpec {
  const hit = cache.get(file);
  if (hit) return hit;
  const document = readDocument(file);
  const name = SPEC_FILES.find((spec) => spec.path === file)?.name;
  const generated = generatedFor(name && GENERATED_VALIDATORS[name], () => specFingerprint(document));
  const loaded = compileSpec(document, `spec://${file}`, generated);
  cache.set(file, loaded);
  return loaded;
}
