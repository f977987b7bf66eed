import type { FaultRule, MockContext } from '../apis/context.ts';
import { headerOf, type Headers } from '../core/request.ts';
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

/** What `Prefer: code=` / `Prefer: latency=`, standing fault rules and the global latency ask of an API request. */
export interface Bend {
  forcedStatus: number | undefined;
  latencyMs: number;
}

export function bendOf(context: MockContext, method: string, path: string, headers: Headers): Bend {
  const preferHeader = headers.prefer ?? '';
  const prefer = Array.isArray(preferHeader) ? preferHeader.join(',') : (headerOf(headers, 'prefer') ?? '');
  const rule = context.faults.length > 0 ? takeFault(context.faults, method, path) : undefined;
  const forced = PREFER_CODE.exec(prefer)?.[1] ?? rule?.status ?? undefined;
  const latency = Number(PREFER_LATENCY.exec(prefer)?.[1] ?? rule?.latencyMs ?? 0) + context.config.latencyMs;
  return { forcedStatus: forced === undefined ? undefined : Number(forced), latencyMs: Math.min(latency, 60_000) };
}

/** Adds an answered request to the journal and the live event stream. */
export function record(context: MockContext, entry: JournalEntry): void {
  context.journal.push(entry);
  // Trimmed once per JOURNAL_SIZE entries: cutting one from the front moves the thousand others.
  if (context.journal.length >= 2 * JOURNAL_SIZE) context.journal.splice(0, context.journal.length - JOURNAL_SIZE);
  context.bus.emit('request', entry);
}
