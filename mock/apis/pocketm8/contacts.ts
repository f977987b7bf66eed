import type { MockContext } from '../context.ts';
import { contactOf, contactsOf } from '../../domain/people.ts';
import { toContact } from '../../domain/views.ts';
import { paginate } from '../../lib/pagination.ts';
import type { Pocketm8Handlers } from './types.ts';

export function contactHandlers(context: MockContext): Pick<Pocketm8Handlers, 'getContacts' | 'getContact'> {
  return {
    getContacts: ({ principal, query }) => {
      const contacts = contactsOf(context.data(), principal.user.id, { search: query.search, favorite: query.favorite }).map(toContact);
      return { status: 200, body: paginate(contacts, query.page, query.perPage) };
    },
    getContact: ({ principal, params }) => ({ status: 200, body: toContact(contactOf(context.data(), principal.user.id, params.id)) }),
  };
}
