import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { FaultRule, MockContext } from '../context.ts';
import { toIso } from '../domain/clock.ts';
import type { JournalEntry } from '../domain/events.ts';

const JOURNAL_SIZE = 1000;
const PREFER_CODE = /(?:^|[;,\s])code=(\d{3})(?:$|[;,\s])/;
const PREFER_LATENCY = /(?:^|[;,\s])latency=(\d{1,6})(?:$|[;,\s])/;

/** The first standing fault rule that matches; uses up one of its `times`. */
function takeFault(faults: FaultRule[], method: string, path: string): FaultRule | undefined {
  const index = faults.findIndex(
    (rule) =>
      (rule.method === null || rule.method === method) &&
      (rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : rule.path === path),
  );
  const rule = faults[index];
  if (!rule) return undefined;
  if (rule.remaining !== null) {
    rule.remaining -= 1;
    if (rule.remaining <= 0) faults.splice(index, 1);
  }
  return rule;
}

/**
 * The first stop of every request: the journal entry when the answer is sent,
 * and on the two APIs the delays and forced statuses asked for by `Prefer: code=` /
 * `Prefer: latency=`, standing fault rules and the global latency. A forced status is left in
 * `res.locals.forcedStatus` for the operation to answer with its documented example.
 */
export function traffic(context: MockContext, apiOf: (path: string) => JournalEntry['api']): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = performance.now();
    // Read now: inside a mounted router req.path loses the mount prefix (`/api`), and the journal
    // wants the mock time of arrival.
    const path = req.path;
    const arrived = toIso(context.clock.now());
    const api = apiOf(path);
    const quiet = api === 'control' && req.method === 'GET';
    if (!quiet) {
      res.on('finish', () => {
        const entry: JournalEntry = {
          method: req.method,
          path,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          time: arrived,
          api,
        };
        context.journal.push(entry);
        // Trimmed once per JOURNAL_SIZE entries: cutting one from the front moves the thousand others.
        if (context.journal.length >= 2 * JOURNAL_SIZE) context.journal.splice(0, context.journal.length - JOURNAL_SIZE);
        context.bus.emit('request', entry);
      });
    }
    if (api !== 'pocketm8' && api !== 'pace') return next();
    const preferHeader = req.headers.prefer ?? '';
    const prefer = Array.isArray(preferHeader) ? preferHeader.join(',') : preferHeader;
    const rule = context.faults.length > 0 ? takeFault(context.faults, req.method, path) : undefined;
    const forced = PREFER_CODE.exec(prefer)?.[1] ?? rule?.status ?? undefined;
    if (forced !== undefined) res.locals.forcedStatus = Number(forced);
    const latency = Number(PREFER_LATENCY.exec(prefer)?.[1] ?? rule?.latencyMs ?? 0) + context.config.latencyMs;
    if (latency > 0) setTimeout(next, Math.min(latency, 60_000));
    else next();
  };
}
