import type { Data } from '../store/data.ts';
import type { Clock } from './clock.ts';
import type { Sessions } from './sessions.ts';
import type { Verification } from './verification.ts';

/** What the account-level services read: one world's state, its clock and its verification engine. */
export interface DomainDeps {
  /** The live state. */
  data(): Data;
  clock: Clock;
  verification: Verification;
  sessions: Sessions;
}
