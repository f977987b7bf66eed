import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../core/compiled-spec.ts';
import { SPEC_FILES } from '../../core/spec-files.ts';
import { specForReference } from './docs-spec.ts';

const pace = loadSpec(SPEC_FILES.find((file) => file.name === 'pace-user')!.path).document;

describe('specForReference', () => {
  it("turns PACE's OAuth 2 into a bearer token and drops the scopes it asked for", () => {
    const shown = specForReference('pace-user', pace) as {
      components: { securitySchemes: Record<string, { type: string; scheme?: string }> };
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
      security?: Record<string, string[]>[];
    };
    expect(shown.components.securitySchemes.OAuth2).toMatchObject({ type: 'http', scheme: 'bearer' });
    const requirements = [
      ...(shown.security ?? []),
      ...Object.values(shown.paths).flatMap((item) => Object.values(item).flatMap((operation) => operation.security ?? [])),
    ];
    expect(requirements.length).toBeGreaterThan(0);
    for (const requirement of requirements) for (const scopes of Object.values(requirement)) expect(scopes).toEqual([]);
  });

  it('leaves the spec it was given as it was', () => {
    const before = JSON.stringify(pace);
    specForReference('pace-user', pace);
    expect(JSON.stringify(pace)).toBe(before);
  });

  it('keeps bearer schemes that are already bearer', () => {
    const pocketm8 = loadSpec(SPEC_FILES.find((file) => file.name === 'pocketm8')!.path).document;
    const shown = specForReference('pocketm8', pocketm8) as { components: { securitySchemes: unknown } };
    expect(shown.components.securitySchemes).toEqual((pocketm8.components as { securitySchemes: unknown }).securitySchemes);
  });
});
