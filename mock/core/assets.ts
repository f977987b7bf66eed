import type { LoadedSpec } from './spec-compiler.ts';
import type { SpecName } from './spec-names.ts';

/**
 * What the mock takes from its package besides code: the specs (compiled), its version, and the
 * pages it serves (the QA console, /docs with Swagger UI's files). The server reads them from disk
 * (mock/server/assets.ts); the MSW door carries the specs inside its bundle and serves no pages.
 */
export interface MockAssets {
  /** A spec, compiled once: every world of a process shares its validators. */
  spec(name: SpecName): LoadedSpec;
  /** The mock's package version. */
  version: string;
  /** The pages; where there are none (MSW), their operations answer 404. */
  pages?: MockPages;
}

export interface MockPages {
  /** The QA console, one self-contained page. */
  console(): string;
  /** The /docs page (Swagger UI over the three specs). */
  docs(): string;
  /** A file of Swagger UI (`swagger-ui.css`). */
  swaggerFile(file: string): ReadableStream<Uint8Array>;
}
