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

/** Every operation of spec/mock-control.openapi.yaml: `/__mock`, the `/media` downloads and the `/docs` reference; one set for every world. */
export const controlHandlers: ControlHandlers = {
  ...healthHandlers,
  ...outboxHandlers,
  ...stateHandlers,
  ...clockHandlers,
  ...journalHandlers,
  ...faultHandlers,
  ...userHandlers,
  ...consoleHandlers,
  ...docsHandlers,
  ...eventHandlers,
  ...mediaHandlers,
  ...paceConfirmHandlers,
  ...worldHandlers,
};
