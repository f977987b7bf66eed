import type { Data, PacePendingRecord } from '../store/data.ts';
import { changed } from '../store/marks.ts';

/** Whether a pending change is still within its 24 hours: past them it counts as cancelled. */
export function isLivePacePending(record: PacePendingRecord, now: number): boolean {
  return now < Date.parse(record.expiresAt);
}

/** The user's pending PACE phone change, if any is within its 24 hours. Reads only. */
export function livePacePending(data: Data, now: number, userId: string): PacePendingRecord | undefined {
  const record = data.pacePending.find((candidate) => candidate.userId === userId);
  return record && isLivePacePending(record, now) ? record : undefined;
}

/**
 * The same, for a write: a change past its 24 hours is cancelled on the way (its link and code
 * stop working), so no timer is needed and reads never change the state.
 */
export function settlePacePending(data: Data, now: number, userId: string): PacePendingRecord | undefined {
  const record = data.pacePending.find((candidate) => candidate.userId === userId);
  if (!record || isLivePacePending(record, now)) return record;
  cancelPacePending(data, record);
  return undefined;
}

/** Drops a pending change; its confirmation link and SMS code stop working. */
export function cancelPacePending(data: Data, record: PacePendingRecord): void {
  data.pacePending = data.pacePending.filter((candidate) => candidate !== record);
  changed(data, 'pacePending');
  const secrets = new Set([record.confirmVerificationId, record.codeVerificationId]);
  for (const verification of data.verifications) {
    if (verification.state === 'pending' && secrets.has(verification.id)) {
      verification.state = 'replaced';
      changed(data, 'verifications', verification);
    }
  }
}
