import type { Data, PacePendingRecord } from '../store/data.ts';

/**
 * The user's pending PACE phone change, if any. A change past its 24 hours is cancelled here, on
 * the way: every read of a pending change goes through this, so no timer is needed.
 */
export function livePacePending(data: Data, now: number, userId: string): PacePendingRecord | undefined {
  const record = data.pacePending.find((candidate) => candidate.userId === userId);
  if (!record || now < Date.parse(record.expiresAt)) return record;
  cancelPacePending(data, record);
  return undefined;
}

/** Drops a pending change; its confirmation link and SMS code stop working. */
export function cancelPacePending(data: Data, record: PacePendingRecord): void {
  data.pacePending = data.pacePending.filter((candidate) => candidate !== record);
  const secrets = new Set([record.confirmVerificationId, record.codeVerificationId]);
  for (const verification of data.verifications) {
    if (verification.state === 'pending' && secrets.has(verification.id)) verification.state = 'replaced';
  }
}
