/** The three OpenAPI files of the project, by short name: spec/<name>.openapi.yaml. */
export const SPEC_NAMES = ['pocketm8', 'pace-user', 'mock-control'] as const;
export type SpecName = (typeof SPEC_NAMES)[number];
