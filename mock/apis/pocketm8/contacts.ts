import { contactOf, contactsOf } from '../../domain/people.ts';
import { toContact } from '../../domain/views.ts';
import { paginate } from '../../lib/pagination.ts';
import type { Pocketm8Handlers } from './types.ts';

export const contactHandlers: Pick<Pocketm8Handlers, 'getContacts' | 'getContact'> = {
  getContacts: ({ principal, query, world }) => {
    const contacts = contactsOf(world.data(), principal.user.id, { search: query.search, favorite: query.favorite }).map(toContact);
    return { status: 200, body: paginate(contacts, query.page, query.perPage) };
  },
  getContact: ({ principal, params, world }) => ({ status: 200, body: toContact(contactOf(world.data(), principal.user.id, params.id)) }),
};
