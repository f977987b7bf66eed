// The public types of `pocketm8-mock/msw`, self-contained (the package's index.d.ts is built from
// this file and index.ts alone).

/** Fixtures given as data: a `db.json` (its text or its content) and the bytes of its `media/` files by key (`fil_0001`). */
export interface FixtureFiles {
  db: string | object;
  media?: Readonly<Record<string, Uint8Array>>;
}

/** How codes are made: derived from a seed (the default, seed `pocketm8`) or one fixed 6-digit code. */
export type CodeOptions = { kind: 'derived'; seed?: string } | { kind: 'fixed'; code: string; seed?: string };

export interface CreateHandlersOptions {
  /** Where the mock answers (default `http://localhost:4010`): both APIs and the control API below it. */
  baseUrl?: string;
  /** Other fixtures than the default ones (fixtures/default). */
  fixtures?: FixtureFiles;
  /** Derived codes (the default, seed `pocketm8`) or one fixed code. */
  codes?: CodeOptions;
}
