import type { MockContext } from '../context.ts';
import { clockHandlers } from './clock.ts';
import { consoleHandlers } from './console.ts';
import { docsHandlers } from './docs.ts';
import { eventHandlers } from './events.ts';
import { faultHandlers } from './faults.ts';
import { healthHandlers } from './health.ts';
import { journalHandlers } from './journal.ts';
import { mediaHandlers } from './media.ts';
import { outboxHandlers } from './outbox.ts';
import { paceConfirmHandlers } from './pace-confirm.ts';
import { stateHandlers } from './state.ts';
import type { ControlHandlers } from './types.ts';
import { userHandlers } from './users.ts';
import { worldHandlers } from './worlds.ts';

/** Every operation of spec/mock-control.openapi.yaml: `/__mock`, the `/media` downloads and the `/docs` reference. */
export function controlHandlers(context: MockContext): ControlHandlers {
  return {
    ...healthHandlers(context),
    ...outboxHandlers(context),
    ...stateHandlers(context),
    ...clockHandlers(context),
    ...journalHandlers(context),
    ...faultHandlers(context),
    ...userHandlers(context),
    ...consoleHandlers(context),
    ...docsHandlers(context),
    ...eventHandlers(context),
    ...mediaHandlers(context),
    ...paceConfirmHandlers(context),
    ...worldHandlers(context),
  };
}
