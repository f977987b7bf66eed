import { isLivePacePending } from '../../domain/pace-pending.ts';
import type { ControlHandlers, ControlSchemas } from './types.ts';

export const userHandlers: Pick<ControlHandlers, 'listUsers'> = {
  listUsers: ({ world }) => {
    const data = world.data();
    const now = world.clock.now();
    // A change past its 24 hours is cancelled, whether or not a PACE call has dropped it yet.
    const pending = new Map(data.pacePending.filter((record) => isLivePacePending(record, now)).map((record) => [record.userId, record]));
    const body = [...data.users]
      // Numeric, so usr_10000 comes after usr_9999.
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
      .map((user): ControlSchemas['UserOverview'] => {
        const pace = pending.get(user.id);
        return {
          id: user.id,
          displayName: user.displayName,
          email: user.email,
          phone: user.phone,
          phoneVerified: user.phoneVerified,
          emailVerified: user.emailVerified,
          pendingEmail: user.pendingEmail,
          pendingPhone: user.pendingPhone,
          pacePending: pace ? { phone: pace.phone, stage: pace.stage, expiresAt: pace.expiresAt } : null,
          hasLinkedIdentity: user.hasLinkedIdentity,
        };
      });
    return { status: 200, body };
  },
};
