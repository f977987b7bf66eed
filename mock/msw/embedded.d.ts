// What the MSW bundle carries inside: scripts/bundle-msw.ts builds this module from spec/*.yaml
// (with their fingerprints), fixtures/default and package.json, as a `MockSources` (memory-mock.ts).
declare module 'pocketm8-mock:embedded' {
  export const sources: unknown;
}
