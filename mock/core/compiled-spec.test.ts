import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDocument } from './compiled-spec.ts';

describe('readDocument', () => {
  const folder = mkdtempSync(join(tmpdir(), 'pm8-spec-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const yaml = join(folder, 'x.openapi.yaml');
  const json = join(folder, 'x.openapi.json');
  writeFileSync(yaml, 'openapi: 3.0.3\ninfo: { title: from YAML, version: "1" }\npaths: {}\n');
  writeFileSync(json, JSON.stringify({ openapi: '3.0.3', info: { title: 'from JSON', version: '1' }, paths: {} }));
  const title = () => (readDocument(yaml, json).info as { title: string }).title;

  it('reads the JSON copy while it is at least as new as the YAML', () => {
    utimesSync(yaml, 1_000, 1_000);
    utimesSync(json, 2_000, 2_000);
    expect(title()).toBe('from JSON');
  });

  it('reads the YAML once the YAML was edited after the copy, or when there is no copy', () => {
    utimesSync(yaml, 3_000, 3_000);
    expect(title()).toBe('from YAML');
    expect((readDocument(yaml, join(folder, 'missing.json')).info as { title: string }).title).toBe('from YAML');
  });
});
