import type { OutboxEntry } from '../../store/data.ts';

export interface OutboxQuery {
  channel?: OutboxEntry['channel'];
  to?: string;
  purpose?: OutboxEntry['purpose'];
}

/**
 * A `to` filter as the outbox stores destinations: an email lower-cased, a phone without spaces.
 * A value of digits and spaces only is a phone whose `+` a query string turned into a space.
 */
export function normaliseDestination(to: string): string {
  if (to.includes('@')) return to.trim().toLowerCase();
  if (/^[\d ]+$/.test(to)) return `+${to.replace(/ /g, '')}`;
  return to.replace(/\s/g, '');
}

/** The entries matching every given filter, newest first. */
export function filterOutbox(outbox: readonly OutboxEntry[], query: OutboxQuery, limit = Infinity): OutboxEntry[] {
  const to = query.to === undefined ? undefined : normaliseDestination(query.to);
  const found: OutboxEntry[] = [];
  for (let index = outbox.length - 1; index >= 0 && found.length < limit; index -= 1) {
    const entry = outbox[index]!;
    if (query.channel !== undefined && entry.channel !== query.channel) continue;
    if (query.purpose !== undefined && entry.purpose !== query.purpose) continue;
    if (to !== undefined && entry.to !== to) continue;
    found.push(entry);
  }
  return found;
}
