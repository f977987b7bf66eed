import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specFingerprint } from '../mock/core/compiled-spec.ts';
import type { GENERATED_VALIDATORS } from '../mock/core/generated-validators.ts';
import { isJsonObject, type JsonObject } from '../mock/core/json-pointer.ts';
import { PACKAGE_ROOT as ROOT } from '../mock/core/package-root.ts';
import { compileSpec, toProblems, type LoadedSpec } from '../mock/core/spec-compiler.ts';
import { generatedFor } from '../mock/core/spec-validators.ts';
import { schemaArbitrary } from '../test/reliability/schema-arbitrary.ts';
import { generatedValidatorsSource, specDocuments, type SpecDocument } from './standalone-validators.ts';

const WRONG: unknown[] = [null, 0, -1, 1.5, '', 'x'.repeat(300), true, [], [1], {}, { unknown: 1 }];

/** Values to validate against a site: some that fit (fast-check, from the schema), and many that do not. */
function corpus(document: JsonObject, schema: unknown, seed: number): unknown[] {
  let fitting: unknown[] = [];
  try {
    fitting = fc.sample(schemaArbitrary(document, schema), { numRuns: 8, seed });
  } catch {
    // A schema the arbitrary cannot build values for: the wrong ones still run.
  }
  // Each member of a fitting object in turn set to every wrong value, and the object without it.
  const mutants = fitting
    .filter(isJsonObject)
    .flatMap((value) =>
      Object.keys(value).flatMap((key) => [
        ...WRONG.map((wrong) => ({ ...value, [key]: wrong })),
        Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)),
      ]),
    );
  return [...fitting, ...mutants, ...WRONG, ...fc.sample(fc.anything(), { numRuns: 10, seed })];
}

describe('validators generated ahead of time', () => {
  let folder: string;
  let specs: SpecDocument[];
  let generated: typeof GENERATED_VALIDATORS;
  beforeAll(async () => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    // Inside the project, so that the code's require() of Ajv's runtime finds node_modules.
    folder = mkdtempSync(join(ROOT, '.tmp', 'standalone-'));
    specs = specDocuments();
    const file = join(folder, 'generated-validators.mjs');
    writeFileSync(file, generatedValidatorsSource(specs));
    ({ GENERATED_VALIDATORS: generated } = (await import(pathToFileURL(file).href)) as {
      GENERATED_VALIDATORS: typeof GENERATED_VALIDATORS;
    });
  }, 60_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const pair = (name: string): { runtime: LoadedSpec; ahead: LoadedSpec; document: JsonObject } => {
    const { document } = specs.find((spec) => spec.name === name)!;
    const id = `spec://${name}`;
    return { runtime: compileSpec(document, id), ahead: compileSpec(document, id, generated[name as keyof typeof generated]), document };
  };

  it.each(['pocketm8', 'pace-user', 'mock-control'])('%s: every site has generated code, with the fingerprint of its document', (name) => {
    const { runtime, ahead, document } = pair(name);
    expect(generated[name as keyof typeof generated]?.fingerprint).toBe(specFingerprint(document));
    expect(Object.keys(generated[name as keyof typeof generated]!.validators).sort()).toEqual([...runtime.validators.sites.keys()].sort());
    expect(ahead.validators.generatedCount).toBe(ahead.validators.sites.size);
    // The forms of the upload handlers (schema(name)) too.
    if (name === 'pocketm8') {
      ahead.schema('FileUploadForm');
      ahead.schema('AvatarUploadForm');
      expect(ahead.validators.generatedCount).toBe(ahead.validators.sites.size);
    }
  });

  it.each(['pocketm8', 'pace-user', 'mock-control'])('%s: generated and compiled validators find the same problems', (name) => {
    const { runtime, ahead, document } = pair(name);
    let checked = 0;
    let seed = 1;
    for (const [key, schema] of runtime.validators.sites) {
      const compiled = runtime.validators.at(key, schema);
      const standalone = ahead.validators.at(key, schema);
      expect(standalone).not.toBe(compiled);
      for (const value of corpus(document, schema, (seed += 1))) {
        const valid = compiled(value);
        expect(standalone(value), `${key}: ${JSON.stringify(value)}`).toBe(valid);
        if (!valid) expect(toProblems(standalone.errors), `${key}: ${JSON.stringify(value)}`).toEqual(toProblems(compiled.errors));
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(runtime.validators.sites.size * 10);
  });

  it('serve only the document they were generated from', () => {
    const { document } = specs.find((spec) => spec.name === 'pace-user')!;
    const code = generated['pace-user'];
    expect(generatedFor(code, () => specFingerprint(document))).toBe(code);
    const edited = structuredClone(document);
    (edited.info as JsonObject).description = 'edited after the build';
    expect(generatedFor(code, () => specFingerprint(edited))).toBeUndefined();
    expect(
      compileSpec(
        edited,
        'spec://edited',
        generatedFor(code, () => specFingerprint(edited)),
      ).validators.generatedCount,
    ).toBe(0);
    expect(generatedFor(undefined, () => specFingerprint(document))).toBeUndefined();
  });
});
