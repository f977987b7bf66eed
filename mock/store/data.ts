import type { Purpose } from '../domain/codes.ts';
import type { components as Pocketm8Components } from '../../spec/generated/pocketm8.ts';
import type { components as ControlComponents } from '../../spec/generated/mock-control.ts';

type Pocketm8 = Pocketm8Components['schemas'];
type Control = ControlComponents['schemas'];

/** A user as stored: the Profile fields (spec) but the avatar by id, plus what the API never shows. */
export type UserRecord = Omit<Pocketm8['Profile'], 'avatarUrl'> & {
  avatarId: string | null;
  /** `scrypt:<salt hex>:<hash hex>`; null for accounts made by SMS sign-up. */
  passwordHash: string | null;
  /** PACE: a user without a linked identity gets 401 missing-linked-identity there. */
  hasLinkedIdentity: boolean;
};

export interface SessionRecord {
  token: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

/** A contact as stored: the spec's Contact and whose address book it is in. */
export type ContactRecord = Pocketm8['Contact'] & { ownerId: string };

export type TaskRecord = Pocketm8['Task'];

/** A file as stored: the spec's File without its URL (built per request), with where its bytes are. */
export type FileRecord = Omit<Pocketm8['File'], 'url'> & {
  /** Where the bytes are, relative to the media folder; never derived from the client's name. */
  blob: string;
};

export type AvatarRecord = Omit<Pocketm8['Avatar'], 'url'> & { ownerId: string; blob: string };

export type RoomRecord = Pocketm8['MatrixRoom'] & { memberIds: string[] };

/** One secret waiting to be used: an SMS or email code, a reset token, a confirmation token. */
export interface VerificationRecord {
  id: string;
  purpose: Purpose;
  destination: string;
  /** The code (6 digits) or token (32 hex). The mock keeps it in clear: QA reads it anyway. */
  secret: string;
  userId: string | null;
  sentAt: string;
  expiresAt: string;
  /** Wrong tries so far. */
  attempts: number;
  state: 'pending' | 'used' | 'burnt' | 'replaced';
}

export interface SendRecord {
  purpose: Purpose;
  destination: string;
  at: string;
}

export interface ChallengeRecord {
  id: string;
  userId: string;
  verificationId: string;
  expiresAt: string;
}

export type OutboxEntry = Control['OutboxEntry'];

export interface PacePendingRecord {
  userId: string;
  phone: string;
  stage: 'awaiting-confirmation' | 'awaiting-code';
  /** The confirmation token's verification id (stage awaiting-confirmation). */
  confirmVerificationId: string | null;
  /** The SMS code's verification id (stage awaiting-code). */
  codeVerificationId: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface SignInFailure {
  login: string;
  at: string;
}

/** The whole persisted state: what db.json holds. */
export interface Data {
  users: UserRecord[];
  sessions: SessionRecord[];
  contacts: ContactRecord[];
  tasks: TaskRecord[];
  files: FileRecord[];
  avatars: AvatarRecord[];
  rooms: RoomRecord[];
  verifications: VerificationRecord[];
  sends: SendRecord[];
  challenges: ChallengeRecord[];
  outbox: OutboxEntry[];
  pacePending: PacePendingRecord[];
  signInFailures: SignInFailure[];
  /** Per `purpose|destination`: how many secrets were sent since the last reset (the `n` of the formula). */
  sendCounts: Record<string, number>;
  /** Per id prefix: the last number handed out, so ids repeat run after run. */
  idCounters: Record<string, number>;
}

export function emptyData(): Data {
  return {
    users: [],
    sessions: [],
    contacts: [],
    tasks: [],
    files: [],
    avatars: [],
    rooms: [],
    verifications: [],
    sends: [],
    challenges: [],
    outbox: [],
    pacePending: [],
    signInFailures: [],
    sendCounts: {},
    idCounters: {},
  };
}
