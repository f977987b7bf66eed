import { parseCodeSource, type CodeSource, type Secret, type Sent } from '../../lib/code-sources.ts';
import type { HookSettings, Login } from './hook-settings.ts';
import { send, type Reply, type SetupRequest } from './http.ts';

/** What a transaction may need beyond the API itself. */
export type Need = 'code' | 'token' | 'confirmUrl' | 'clock' | 'control' | 'testUser' | 'phonelessUser';

export interface User {
  id: string;
  token: string;
  phone: string;
}

export interface EmailUser extends User {
  email: string;
}

export interface PasswordUser extends EmailUser {
  password: string;
}

/** The password every user the hooks give one gets (8+ characters, a letter and a digit). */
export const PASSWORD = 'Dredd-pass-1';

/** 1x1 transparent PNG: the smallest avatar the magic-byte check accepts. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let counter = 0;

/** Thrown when the run lacks what a transaction needs: the transaction is skipped with the message. */
export class LackingError extends Error {}

/**
 * The state the hooks build over HTTP before a transaction: users signed up by SMS, emails and
 * passwords set through the API, tasks, uploads, codes from the run's code source. Nothing here
 * imports the mock; every call goes to the server under test (or its control API).
 */
export class World {
  readonly codes: CodeSource;
  #plain?: Promise<User>;
  #other?: Promise<User>;
  #testUser?: Promise<User>;
  #phoneless?: Promise<User>;

  constructor(readonly settings: HookSettings) {
    this.codes = parseCodeSource(settings.codeSource, settings.controlUrl, settings.adminToken);
  }

  /** Why a transaction that needs these cannot run here; undefined when it can. */
  lacking(needs: readonly Need[]): string | undefined {
    for (const need of needs) {
      if (need === 'clock' && this.settings.clock !== 'mock') return 'needs a movable clock (the mock control API)';
      if (need === 'control' && !this.settings.controlUrl) return "needs the mock's failing destinations (control API present)";
      if (need === 'testUser' && !this.settings.testUser)
        return 'needs a test user with contacts and Matrix rooms (--login/--password); no API call creates them';
      if (need === 'phonelessUser' && !this.settings.phonelessUser) {
        return 'needs a user without a phone (--phoneless-login/--phoneless-password); every user the API creates signed up by SMS and has one';
      }
      if ((need === 'code' || need === 'token' || need === 'confirmUrl') && !this.codes.gives.has(need)) {
        return `code source ${this.codes.name} gives no ${need}`;
      }
    }
    return undefined;
  }

  pocketm8(path: string, request?: SetupRequest): Promise<Reply> {
    return send(`${this.settings.pocketm8Url}${path}`, request);
  }

  pace(path: string, request?: SetupRequest): Promise<Reply> {
    return send(`${this.settings.paceUrl}${path}`, request);
  }

  control(path: string, request: SetupRequest = {}): Promise<Reply> {
    if (!this.settings.controlUrl) throw new LackingError('needs the mock control API');
    const admin: Record<string, string> = this.settings.adminToken ? { 'X-Mock-Admin-Token': this.settings.adminToken } : {};
    return send(`${this.settings.controlUrl}${path}`, { ...request, headers: { ...admin, ...request.headers } });
  }

  /** A phone no one else uses: +4177 and 7 digits, never ending in 0000 or 9999 (the mock's magic numbers). */
  freshPhone(): string {
    counter += 1;
    const digits = String((Date.now() * 13 + process.pid * 977 + counter * 7919) % 10_000_000).padStart(7, '0');
    return `+4177${/0000$|9999$/.test(digits) ? `${digits.slice(0, 6)}5` : digits}`;
  }

  freshEmail(): string {
    counter += 1;
    return `dredd-${Date.now().toString(36)}-${process.pid}-${counter}@example.com`;
  }

  /** The secret of a send the hooks (or the transaction) just caused. */
  async secret(sent: Sent): Promise<Secret> {
    this.codes.noteSend(sent);
    return this.codes.read(sent);
  }

  /** One part of the secret of a send just caused; a source that cannot give it makes the transaction a skip. */
  async secretPart(sent: Sent, part: 'code' | 'token' | 'confirmUrl'): Promise<string> {
    if (!this.codes.gives.has(part)) {
      this.codes.noteSend(sent);
      throw new LackingError(this.lacking([part]));
    }
    const value = (await this.secret(sent))[part];
    if (!value) throw new Error(`code source ${this.codes.name} gave no ${part} for ${sent.purpose} to ${sent.to}`);
    return value;
  }

  code(sent: Sent): Promise<string> {
    return this.secretPart(sent, 'code');
  }

  /** A brand-new user: SMS code to a fresh phone, then verify (sign-up). */
  async signUp(phone = this.freshPhone()): Promise<User> {
    await this.pocketm8('/auth/user/send-sms-code', { json: { phone } });
    const code = await this.code({ channel: 'sms', to: phone, purpose: 'sign-in' });
    const { body } = await this.pocketm8('/auth/user/verify-code', { json: { phone, code } });
    const session = body as { token: string; user: { id: string } };
    return { id: session.user.id, token: session.token, phone };
  }

  /** A new user with a verified email (changed through the API with its code). */
  async emailUser(): Promise<EmailUser> {
    const user = await this.signUp();
    const email = this.freshEmail();
    await this.pocketm8('/profile/email', { method: 'PUT', token: user.token, json: { email } });
    const code = await this.code({ channel: 'email', to: email, purpose: 'email-change' });
    await this.pocketm8('/profile/verify-code', { token: user.token, json: { type: 'email', code } });
    return { ...user, email };
  }

  /** A new user with email and password (set with a reset token), 2FA on or off; signed in again. */
  async passwordUser(twoFactor = false): Promise<PasswordUser> {
    const user = await this.emailUser();
    if (twoFactor) await this.pocketm8('/profile', { method: 'PATCH', token: user.token, json: { twoFactorEnabled: true } });
    await this.pocketm8('/auth/user/reset-password', { json: { email: user.email } });
    const token = await this.secretPart({ channel: 'email', to: user.email, purpose: 'password-reset' }, 'token');
    await this.pocketm8('/auth/user/verify-token', { json: { token, password: PASSWORD } });
    // The reset ended every session; 2FA users get theirs through a challenge, when a test asks.
    const session = twoFactor
      ? undefined
      : ((await this.pocketm8('/auth/user/sign-in', { json: { login: user.email, password: PASSWORD } })).body as { token: string });
    return { ...user, token: session?.token ?? '', password: PASSWORD };
  }

  /** Signs a 2FA user in: the challenge id and its SMS code. */
  async challenge(user: PasswordUser): Promise<{ id: string; code: string }> {
    const { body } = await this.pocketm8('/auth/user/sign-in', { json: { login: user.email, password: user.password } });
    const { challenge } = body as { challenge?: { id: string } };
    if (!challenge) throw new Error(`sign-in of ${user.email} with 2FA on asked for no challenge`);
    return { id: challenge.id, code: await this.code({ channel: 'sms', to: user.phone, purpose: 'challenge' }) };
  }

  /** The user most transactions act as (one per run): signed up by SMS, or else the test user. */
  plainUser(): Promise<User> {
    this.#plain ??= this.codes.gives.has('code') || !this.settings.testUser ? this.signUp() : this.testUser();
    return this.#plain;
  }

  /** A second user, for assignees, taken numbers and forbidden actions. */
  otherUser(): Promise<User> {
    return (this.#other ??= this.signUp());
  }

  /** The configured test user, who has contacts and Matrix rooms. */
  testUser(): Promise<User> {
    return (this.#testUser ??= this.signIn(this.settings.testUser));
  }

  /** The configured user without a phone. */
  phonelessUser(): Promise<User> {
    return (this.#phoneless ??= this.signIn(this.settings.phonelessUser));
  }

  async signIn(login: Login | null): Promise<User> {
    if (!login) throw new LackingError('needs a configured user (--login, --phoneless-login)');
    const { body } = await this.pocketm8('/auth/user/sign-in', { json: login });
    const session = body as { token?: string; user?: { id: string; phone: string | null } };
    if (!session.token || !session.user) throw new Error(`${login.login} has 2FA on: configure a user without`);
    return { id: session.user.id, token: session.token, phone: session.user.phone ?? '' };
  }

  /** Moves the mock clock forward (`11m`, `61m`). */
  async advanceClock(duration: string): Promise<void> {
    await this.control('/clock', { json: { advance: duration } });
  }

  async createTask(token: string, fields: Record<string, unknown> = {}): Promise<string> {
    const { body } = await this.pocketm8('/tasks', { token, json: { title: 'Dredd task', ...fields } });
    return (body as { id: string }).id;
  }

  async uploadFile(token: string, fields: Record<string, string> = {}): Promise<string> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['Dredd was here.\n'], { type: 'text/plain' }), 'dredd.txt');
    const { body } = await this.pocketm8('/files', { token, form });
    return (body as { id: string }).id;
  }

  async uploadAvatar(token: string): Promise<string> {
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'dredd.png');
    const { body } = await this.pocketm8('/avatars', { token, form });
    return (body as { id: string }).id;
  }

  /** A task of `owner` with `assignee` on it, and a file of `owner` attached: both visible to the assignee. */
  async shared(owner: User, assignee: User): Promise<{ taskId: string; fileId: string }> {
    const taskId = await this.createTask(owner.token, { assigneeIds: [assignee.id] });
    const fileId = await this.uploadFile(owner.token, { taskId });
    return { taskId, fileId };
  }

  /** The first Matrix room of the user (from File Edit's choices for one of its files). */
  async roomOf(user: User, fileId: string): Promise<string> {
    const { body } = await this.pocketm8(`/relations/file-edit?fileId=${encodeURIComponent(fileId)}`, { token: user.token });
    const room = (body as { rooms: { roomId: string }[] }).rooms[0];
    if (!room) throw new Error('the test user has no Matrix room');
    return room.roomId;
  }
}
