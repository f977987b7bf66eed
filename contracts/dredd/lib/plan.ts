import { removeHeader, setHeader, setPath, type DreddTransaction } from './transaction.ts';
import type { Need, World } from './world.ts';

/** What the hooks do with one transaction before Dredd sends it. */
export type Step =
  /** Dredd cannot express this case: skipped, with the reason in the report. */
  | { skip: string }
  | {
      /** What the run must offer; without it the transaction is skipped with the reason. */
      needs?: readonly Need[];
      /**
       * Builds the state the expected status needs and points the request at it. The request
       * carries the plain user's token on entry (secured operations); the step may change that.
       */
      prepare: (transaction: DreddTransaction, world: World) => Promise<void> | void;
    };

/** Steps by operation (`POST /tasks`) and expected status (`201`). */
export type Plan = Record<string, Record<string, Step>>;

export const skip = (reason: string): Step => ({ skip: reason });

/** No Authorization header: every secured operation answers 401. */
export const withoutToken: Step = { prepare: (transaction) => removeHeader(transaction, 'Authorization') };

/** The example body padded past 1 MB, in the documented media type: 413 before anything else is read. */
export const oversized: Step = {
  prepare: (transaction) => {
    const example: unknown = transaction.request.body ? JSON.parse(String(transaction.request.body)) : {};
    const padded = typeof example === 'object' && example !== null && !Array.isArray(example) ? example : {};
    transaction.request.body = JSON.stringify({ ...padded, padding: 'x'.repeat(1_100_000) });
  },
};

/** The example body sent as text/plain: 415. */
export const wrongMediaType: Step = { prepare: (transaction) => setHeader(transaction, 'Content-Type', 'text/plain') };

/** A code that is certainly not `code`. */
export const wrongCode = (code: string | undefined): string => (code === '000000' ? '111111' : '000000');

/** An id that cannot be one (the Id pattern allows letters, digits, `_` and `-`): 400. */
export const BAD_ID = 'not an id!';
/** An id of the right shape that names nothing: 404. */
export const UNKNOWN_ID = 'zz_dredd_unknown_0';

/** The path with this id in every path parameter. */
export const atId = (id: string): Step => ({
  prepare: (transaction) =>
    setPath(
      transaction,
      Object.fromEntries([...transaction.origin.resourceName.matchAll(/\{([^}]+)\}/g)].map((match) => [match[1] ?? '', id])),
    ),
});
