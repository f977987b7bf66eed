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

/** Every Pocketm8 operation, grouped as the public docs group them; one set for every world. */
export const pocketm8Handlers: Pocketm8Handlers = {
  ...authHandlers,
  ...profileHandlers,
  ...userHandlers,
  ...contactHandlers,
  ...taskHandlers,
  ...relationHandlers,
  ...fileHandlers,
  ...avatarHandlers,
  ...matrixHandlers,
};
