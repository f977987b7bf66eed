import type { Purpose } from '../../spec/lib/codes.ts';
import type { TaskStatus } from '../lib/status-machine.ts';

/** A user as stored: the Profile fields plus what the API never shows. */
export interface UserRecord {
  id: string;
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  phone: string | null;
  phoneVerified: boolean;
  avatarId: string | null;
  locale: string;
  twoFactorEnabled: boolean;
  pendingEmail: string | null;
  pendingPhone: string | null;
  /** `scrypt:<salt hex>:<hash hex>`; null for accounts made by SMS sign-up. */
  passwordHash: string | null;
  /** PACE: a user without a linked identity gets 401 missing-linked-identity there. */
  hasLinkedIdentity: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRecord {
  token: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface ContactRecord {
  id: string;
  ownerId: string;
  userId: string | null;
  displayName: string;
  phone: string | null;
  email: string | null;
  avatarUrl: string | null;
  favorite: boolean;
  createdAt: string;
}

export interface TaskRecord {
  id: string;
  title: string;
  description: string | null;
  status: TaskStatus;
  priority: 'low' | 'normal' | 'high';
  dueDate: string | null;
  assigneeIds: string[];
  fileIds: string[];
  ownerId: string;
  createdAt: string;
  updatedAt: string;
}

export interface FileRecord {
  id: string;
  name: string;
  mimeType: string;
  size: number;
  description: string | null;
  ownerId: string;
  taskIds: string[];
  matrixLinks: { roomId: string; linkedAt: string }[];
  /** Where the bytes are, relative to the media folder; never derived from the client's name. */
  blob: string;
  createdAt: string;
  updatedAt: string;
}

export interface AvatarRecord {
  id: string;
  ownerId: string;
  mimeType: 'image/png' | 'image/jpeg' | 'image/webp';
  size: number;
  blob: string;
  createdAt: string;
}

export interface RoomRecord {
  roomId: string;
  name: string;
  memberIds: string[];
}

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

export interface OutboxEntry {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  purpose: Purpose;
  code?: string;
  token?: string;
  confirmUrl?: string;
  subject?: string;
  body: string;
  sentAt: string;
  expiresAt: string;
}

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

export const COLLECTIONS = [
  'users', 'sessions', 'contacts', 'tasks', 'files', 'avatars', 'rooms', 'verifications', 'sends',
  'challenges', 'outbox', 'pacePending', 'signInFailures',
] as const;

export function emptyData(): Data {
  return {
    users: [], sessions: [], contacts: [], tasks: [], files: [], avatars: [], rooms: [], verifications: [],
    sends: [], challenges: [], outbox: [], pacePending: [], signInFailures: [], sendCounts: {}, idCounters: {},
  };
}
