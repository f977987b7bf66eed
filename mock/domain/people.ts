import { ApiError } from '../lib/api-error.ts';
import { compareIds, compareText } from '../lib/order.ts';
import { matchesSearch } from '../lib/pagination.ts';
import type { ContactRecord, Data, UserRecord } from '../store/data.ts';

const byName = (a: { displayName: string; id: string }, b: { displayName: string; id: string }) =>
  compareText(a.displayName, b.displayName) || compareIds(a.id, b.id);

/** Every user, by display name: who can be assigned to a task (the caller included). */
export function allUsers(data: Data): UserRecord[] {
  return [...data.users].sort(byName);
}

/** The other users (everyone but the caller), by display name; `search` matches the display name. */
export function otherUsers(data: Data, userId: string, search?: string): UserRecord[] {
  return allUsers(data).filter((user) => user.id !== userId && matchesSearch(search, user.displayName));
}

/** The user's own contacts, by display name; `search` matches display name, phone or email. */
export function contactsOf(data: Data, userId: string, filter: { search?: string; favorite?: boolean } = {}): ContactRecord[] {
  return data.contacts
    .filter((contact) => contact.ownerId === userId)
    .filter((contact) => filter.favorite === undefined || contact.favorite === filter.favorite)
    .filter((contact) => matchesSearch(filter.search, contact.displayName, contact.phone, contact.email))
    .sort(byName);
}

/** One of the user's contacts; NOT_FOUND for anyone else's. */
export function contactOf(data: Data, userId: string, id: string): ContactRecord {
  const contact = data.contacts.find((candidate) => candidate.id === id && candidate.ownerId === userId);
  if (!contact) throw new ApiError('NOT_FOUND');
  return contact;
}
