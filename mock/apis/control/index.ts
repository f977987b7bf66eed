import type { RequestHandler } from 'express';
import type { MockContext } from '../../context.ts';
import { notYet } from '../../http/not-yet.ts';

export function requireAdmin(_context: MockContext): RequestHandler {
  return (_req, _res, next) => next();
}

export function controlHandlers(_context: MockContext) {
  return notYet(['getHealth', 'listOutbox', 'getLatestOutboxEntry', 'clearOutbox', 'resetState', 'createSnapshot', 'restoreSnapshot', 'listSnapshots', 'getClock', 'moveClock', 'listRequests', 'createFault', 'listFaults', 'clearFaults', 'deleteFault', 'listUsers', 'confirmPacePhoneChange', 'streamEvents', 'getConsole', 'getFileContent', 'getAvatarContent']);
}
