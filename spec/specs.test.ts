import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { listDreddTransactions, type DreddListing } from './lib/dredd-names.ts';
import { toleratedReason } from './lib/dredd-warnings.ts';
import { findInvalidExamples, findUncompilableSchemas } from './lib/find-invalid-examples.ts';
import { isJsonObject } from '../mock/core/json-pointer.ts';
import { listOperations } from '../mock/core/openapi-walk.ts';
import { formatSpectralFindings, lintWithSpectral, type SpectralFinding } from './lib/spectral-lint.ts';
import { SPEC_FILES } from '../mock/core/spec-files.ts';

/** Settles a promise now so that its failure belongs to the test that awaits it, not to the hook. */
function settle<T>(promise: Promise<T>): () => Promise<T> {
  const settled = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async () => {
    const result = await settled;
    if (!result.ok) throw result.error;
    return result.value;
  };
}

// The CLIs start at once and run side by side while the in-process checks work: one Spectral
// process for all files (it starts slowly), one Dredd process per file.
let spectralAll: () => Promise<SpectralFinding[]>;
const dreddByPath = new Map<string, () => Promise<DreddListing>>();
beforeAll(() => {
  const paths = SPEC_FILES.map((spec) => spec.path).filter((path) => existsSync(path));
  spectralAll = settle(
    lintWithSpectral(paths).then((findings) => {
      // Findings are shared out by their source; one no file claims would go unseen.
      const strays = findings.filter((finding) => finding.source === undefined || !paths.includes(finding.source));
      if (strays.length > 0) throw new Error(`Spectral findings for no linted file:\n${formatSpectralFindings(strays).join('\n')}`);
      return findings;
    }),
  );
  for (const { path } of SPEC_FILES) dreddByPath.set(path, settle(listDreddTransactions(path)));
});

// A missing spec file fails every test of its block (readFile rejects in beforeAll): all three
// files are part of the contract.
describe.each(SPEC_FILES)('$relativePath', ({ path, relativePath }) => {
  let document: unknown;
  const spectral = async () => (await spectralAll()).filter((finding) => finding.source === path);
  const dredd = () => dreddByPath.get(path)!();

  beforeAll(async () => {
    document = parse(await readFile(path, 'utf8'));
  });

  it('is a valid OpenAPI 3.0.3 document (swagger-parser)', async () => {
    expect(isJsonObject(document) && document.openapi, 'the openapi field').toBe('3.0.3');
    // validate() dereferences what it is given, so it gets the file and parses its own copy.
    await expect(SwaggerParser.validate(path)).resolves.toBeDefined();
  });

  it('has no Spectral errors or warnings under spec/.spectral.yaml', async () => {
    const findings = (await spectral()).filter((finding) => finding.severity <= 1);
    expect(formatSpectralFindings(findings), `npx spectral lint ${relativePath} --ruleset spec/.spectral.yaml`).toEqual([]);
  });

  it('points every $ref into components (the mock registers only those with Ajv)', () => {
    const refs = (JSON.stringify(document).match(/"\$ref":"[^"]*"/g) ?? []).map((ref) => ref.slice(8, -1));
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((ref) => !ref.startsWith('#/components/'))).toEqual([]);
  });

  it('has schemas that compile under the strict Ajv the mock and the suites use', () => {
    const report = findUncompilableSchemas(document, relativePath).map((item) => `${item.pointer}: ${item.problem}`);
    expect(report, `schemas strict Ajv refuses in ${relativePath} (see AJV_OPTIONS in spec/lib/openapi-schema.ts)`).toEqual([]);
  });

  it('has examples that satisfy their schemas (ajv, strict)', () => {
    const invalid = findInvalidExamples(document, relativePath);
    const report = invalid.map((item) => `${item.pointer}: ${item.problem} (schema at ${item.schemaPointer})`);
    expect(report, `invalid examples in ${relativePath}`).toEqual([]);
  });

  it('gives Dredd a transaction for every operation', async () => {
    const listing = await dredd();
    const covered = new Set(listing.transactions.map((transaction) => `${transaction.method} ${transaction.path}`));
    const missing = listOperations(document)
      .map(({ method, path: template }) => `${method.toUpperCase()} ${template}`)
      .filter((operation) => !covered.has(operation));
    const context = listing.errors.length > 0 ? `\nDredd errors:\n${listing.errors.join('\n')}` : '';
    expect(missing, `operations Dredd builds no transaction for (exit ${listing.exitCode}):${context}`).toEqual([]);
  });

  it('leaves Dredd nothing to drop or fail to parse', async () => {
    const listing = await dredd();
    const findings = [
      ...listing.errors.map((error) => `error: ${error}`),
      ...listing.warnings.filter((warning) => toleratedReason(warning) === undefined).map((warning) => `warn: ${warning}`),
    ];
    expect(findings, `dredd ${relativePath} --names (tolerated warnings: spec/lib/dredd-warnings.ts)`).toEqual([]);
  });
});
