import type { MockContext } from '../context.ts';
import { authHandlers } from './auth.ts';
import { avatarHandlers } from './avatars.ts';
import { contactHandlers } from './contacts.ts';
import { fileHandlers } from './files.ts';
import { matrixHandlers } from './integrations.ts';
import { profileHandlers } from './profile.ts';
import { relationHandlers } from './relations.ts';
import { taskHandlers } from './tasks.ts';
import type { Pocketm8Handlers } from './types.ts';
import { userHandlers } from './users.ts';

/** Every Pocketm8 operation, grouped as the public docs group them. */
export function pocketm8Handlers(context: MockContext): Pocketm8Handlers {
  return {
    ...authHandlers(context),
    ...profileHandlers(context),
    ...userHandlers(context),
    ...contactHandlers(context),
    ...taskHandlers(context),
    ...relationHandlers(context),
    ...fileHandlers(context),
    ...avatarHandlers(context),
    ...matrixHandlers(context),
  };
}
