import type { JsonObject } from '../../core/json-pointer.ts';
import { APIS } from '../../core/apis.ts';
import type { SpecName } from '../../core/spec-files.ts';

/** Where each spec's operations live on this mock, relative to its root. */
export const MOCK_BASE_PATH = Object.fromEntries(APIS.map((api) => [api.spec, api.basePath || '/'])) as Record<SpecName, string>;

/**
 * A spec as the API reference page shows it: a copy whose `servers` is this mock (a path relative
 * to the page, so "Try it out" reaches the mock on whatever host and port it runs), and whose
 * OAuth 2 schemes are plain bearer tokens (the mock takes a Pocketm8 token where PACE wants a PACE
 * ID token; Swagger UI would otherwise send people to PACE ID's sign-in). The rest is unchanged.
 */
export function specForReference(name: SpecName, document: JsonObject): JsonObject {
  const copy = structuredClone(document);
  copy.servers = [{ url: MOCK_BASE_PATH[name], description: 'This mock' }];
  const schemes = (copy.components as JsonObject | undefined)?.securitySchemes as Record<string, JsonObject> | undefined;
  const converted = new Set<string>();
  for (const [key, scheme] of Object.entries(schemes ?? {})) {
    if (scheme.type !== 'oauth2') continue;
    converted.add(key);
    schemes![key] = {
      type: 'http',
      scheme: 'bearer',
      description: `${String(scheme.description ?? '').trim()}\n\nOn this mock: paste a Pocketm8 token (the fixture token \`pm8_fixture_alice_0000000000000000\`, or one from a sign-in).`,
    };
  }
  // A bearer scheme takes no scopes: the requirements naming a converted scheme drop theirs.
  const requirements = [
    copy.security,
    ...Object.values((copy.paths ?? {}) as Record<string, Record<string, JsonObject>>).flatMap((item) =>
      Object.values(item).map((operation) => operation?.security),
    ),
  ];
  for (const list of requirements) {
    if (!Array.isArray(list)) continue;
    for (const requirement of list as Record<string, unknown>[])
      for (const key of Object.keys(requirement)) if (converted.has(key)) requirement[key] = [];
  }
  return copy;
}
