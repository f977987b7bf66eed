// Broken variants of the mock, one behaviour changed each, to prove that the contract suites have
// teeth (contracts/judges/mutants.test.ts): each is the real mock with one rule broken in the
// process that serves it, at the narrowest place, either by patching one domain method or by a
// hook in front of the app that alters answers on their way out. The mock's code stays as it is.
import type { RequestListener } from 'node:http';
import { PacePhone, normalisePacePhone } from '../../mock/domain/pace.ts';
import { Profiles } from '../../mock/domain/profile.ts';
import { Tasks } from '../../mock/domain/tasks.ts';
import { Verification, type VerificationDeps } from '../../mock/domain/verification.ts';
import { ApiError } from '../../mock/lib/api-error.ts';
import type { Data, VerificationRecord } from '../../mock/store/data.ts';
import { dropHeader, eachObject, hasIdPrefix, inFront, isPace, isPocketm8, pathOf, rewriteJson } from './front.ts';

/** The runner's groups (contracts/runner.ts GROUPS). */
export type Group = 'read' | 'write' | 'flows' | 'negative';

export interface Variant {
  name: string;
  /** What is broken, as a user of the API would notice it. */
  description: string;
  /** The groups to run against it: as few as catch it. */
  groups: Group[];
  /** The runner's --grep: the tests of those groups to run (full names: describe and test titles). */
  grep: string;
  /** At least one failing test's name (`describe > test`, as in junit.xml) matches this. */
  caughtBy: RegExp;
  /** Breaks the behaviour in this process; answers what to serve (the app, or the app behind a hook). */
  apply(app: RequestListener): RequestListener;
}

/** Replaces one method on a prototype, for the whole process. */
function replaceMethod<T extends object, K extends keyof T>(proto: T, name: K, make: (original: T[K]) => T[K]): void {
  proto[name] = make(proto[name]);
}

/** The engine's store, which it keeps private. */
const dataOf = (verification: Verification): Data => (verification as unknown as { deps: VerificationDeps }).deps.data();

const FAR_FUTURE = '9999-12-31T23:59:59Z';

export const VARIANTS: readonly Variant[] = [
  {
    name: 'missing-required-field',
    description: 'Task bodies lack the required `ownerId`',
    groups: ['write'],
    grep: 'write: tasks',
    caughtBy: /^write: tasks > /,
    apply: (app) =>
      inFront(app, (req, res) => {
        if (isPocketm8(req))
          rewriteJson(res, (answer) => ({
            ...answer,
            body: eachObject(answer.body, (object) => {
              if (hasIdPrefix(object, 'tsk_')) delete object.ownerId;
            }),
          }));
      }),
  },
  {
    name: 'wrong-type',
    description: 'a File\'s `size` is a string ("43") instead of an integer',
    groups: ['write'],
    grep: 'write: files',
    caughtBy: /^write: files > /,
    apply: (app) =>
      inFront(app, (req, res) => {
        if (isPocketm8(req))
          rewriteJson(res, (answer) => ({
            ...answer,
            body: eachObject(answer.body, (object) => {
              if (hasIdPrefix(object, 'fil_') && typeof object.size === 'number') object.size = String(object.size);
            }),
          }));
      }),
  },
  {
    name: 'undocumented-status',
    description: 'Get Profile answers 202 (not documented) instead of 200',
    groups: ['read'],
    grep: 'read: profile',
    caughtBy: /^read: profile > Get Profile/,
    apply: (app) =>
      inFront(app, (req, res) => {
        if (req.method === 'GET' && pathOf(req) === '/api/profile')
          rewriteJson(res, (answer) => (answer.status === 200 ? { ...answer, status: 202 } : undefined));
      }),
  },
  {
    name: 'phone-changed-before-verification',
    description: 'PUT /profile/phone puts the new phone in force at once, before its code is verified',
    groups: ['flows'],
    grep: 'flows: phone change',
    caughtBy: /^flows: phone change > PUT phone -> pending/,
    apply: (app) => {
      replaceMethod(
        Profiles.prototype,
        'requestChange',
        (original) =>
          function (this: Profiles, user, type, raw) {
            const sent = original.call(this, user, type, raw);
            if (type === 'phone') user.phone = user.pendingPhone;
            return sent;
          },
      );
      return app;
    },
  },
  {
    name: 'expired-code-accepted',
    description: 'a code older than its 10 minutes is still accepted',
    groups: ['flows'],
    grep: 'with the clock|24 h cancel',
    caughtBy: /older than 10 minutes -> 410 CODE_EXPIRED/,
    apply: (app) => {
      replaceMethod(
        Verification.prototype,
        'check',
        (original) =>
          function (this: Verification, record, code, words) {
            if (!record) return original.call(this, record, code, words);
            const { expiresAt } = record;
            record.expiresAt = FAR_FUTURE;
            try {
              return original.call(this, record, code, words);
            } finally {
              record.expiresAt = expiresAt;
            }
          },
      );
      return app;
    },
  },
  {
    name: 'wrong-code-accepted',
    description: 'any code is accepted as the right one',
    groups: ['flows'],
    grep: 'flows: phone change|flows: SMS sign-up',
    caughtBy: /wrong code 422/,
    apply: (app) => {
      replaceMethod(
        Verification.prototype,
        'check',
        (original) =>
          function (this: Verification, record, code, words) {
            return original.call(this, record, record?.secret ?? code, words);
          },
      );
      return app;
    },
  },
  {
    name: 'resend-keeps-old-code',
    description: 'a resend does not invalidate the code sent before: both codes work',
    groups: ['flows'],
    grep: 'with the clock',
    caughtBy: /the old one answers 422/,
    apply: (app) => {
      // The send leaves earlier codes pending, and a check takes any pending code of the same
      // destination (the mock's verify reads only the newest code, so keeping old ones alone would
      // change nothing a client can see).
      replaceMethod(
        Verification.prototype,
        'send',
        (original) =>
          function (this: Verification, request) {
            const pending = dataOf(this).verifications.filter((record) => record.state === 'pending');
            const sent = original.call(this, request);
            for (const record of pending) if (record.state === 'replaced') record.state = 'pending';
            return sent;
          },
      );
      replaceMethod(
        Verification.prototype,
        'check',
        (original) =>
          function (this: Verification, record, code, words) {
            const sameDestination = (other: VerificationRecord) =>
              record !== undefined &&
              other !== record &&
              other.state === 'pending' &&
              other.purpose === record.purpose &&
              other.destination === record.destination &&
              other.userId === record.userId;
            const older =
              record && record.secret !== code
                ? dataOf(this).verifications.find((other) => sameDestination(other) && other.secret === code)
                : undefined;
            return original.call(this, older ?? record, code, words);
          },
      );
      return app;
    },
  },
  {
    name: 'foreign-task-readable',
    description: "Get Task answers any user's task to anyone",
    groups: ['negative'],
    grep: "another user's private task",
    caughtBy: /B's getTask on A's item answers 404/,
    apply: (app) => {
      replaceMethod(
        Tasks.prototype,
        'get',
        () =>
          function (this: Tasks, _userId: string, id: string) {
            const task = (this as unknown as { data: () => Data }).data().tasks.find((candidate) => candidate.id === id);
            if (!task) throw new ApiError('NOT_FOUND');
            return task;
          },
      );
      return app;
    },
  },
  {
    name: 'malformed-json-500',
    description: 'a body that is not JSON answers 500 instead of the documented 400 (Pocketm8) or 422 (PACE)',
    groups: ['negative'],
    grep: 'malformed JSON text|unparsable JSON',
    caughtBy: /malformed JSON text: refused as invalid/,
    apply: (app) =>
      inFront(app, (req, res) => {
        if (isPocketm8(req)) {
          rewriteJson(res, (answer) => {
            const errors = (answer.body as { errors?: { message?: string }[] }).errors ?? [];
            return errors.some((error) => error.message === 'is not valid JSON')
              ? { ...answer, status: 500, body: { message: 'INTERNAL_ERROR' } }
              : undefined;
          });
        } else if (isPace(req)) {
          rewriteJson(res, (answer) => {
            const errors = (answer.body as { errors?: { id: string; title?: string }[] }).errors ?? [];
            if (!errors.some((error) => error.title === "can't parse content")) return undefined;
            return {
              ...answer,
              status: 500,
              body: { errors: [{ id: errors[0]?.id, status: '500', code: 'INTERNAL_ERROR', title: 'Internal server error' }] },
            };
          });
        }
      }),
  },
  {
    name: 'missing-retry-after',
    description: '429 answers come without the Retry-After header (retryAfter still in the body)',
    groups: ['flows'],
    grep: 'too soon|RESEND_TOO_SOON',
    caughtBy: /RESEND_TOO_SOON/,
    apply: (app) =>
      inFront(app, (req, res) => {
        if (isPocketm8(req) || isPace(req)) dropHeader(res, 'Retry-After');
      }),
  },
  {
    name: 'pace-email-step-skipped',
    description: 'PACE: a change of an existing number sends the SMS code at once, with no confirmation email',
    groups: ['flows'],
    grep: 'PACE phone change: change of an existing number',
    caughtBy: /422 EMAIL_REQUIRED without an email/,
    apply: (app) => {
      replaceMethod(
        PacePhone.prototype,
        'request',
        (original) =>
          function (this: PacePhone, user, phoneNumber, origin) {
            const inForce = user.phone;
            if (!inForce || inForce === normalisePacePhone(phoneNumber)) return original.call(this, user, phoneNumber, origin);
            // Handled as a first number: the code goes out by SMS at once.
            user.phone = null;
            try {
              return original.call(this, user, phoneNumber, origin);
            } finally {
              user.phone = inForce;
            }
          },
      );
      return app;
    },
  },
  {
    name: 'pace-24h-not-enforced',
    description: 'PACE: a phone change not completed within 24 hours is not cancelled',
    groups: ['flows'],
    grep: '24 h',
    caughtBy: /not completed within 24 h is cancelled/,
    apply: (app) => {
      // Reads and writes alike take a pending change whatever its age.
      for (const method of ['pendingOf', 'settledPendingOf'] as const) {
        replaceMethod(
          PacePhone.prototype,
          method,
          () =>
            function (this: PacePhone, userId: string) {
              const { context } = this as unknown as { context: { data: () => Data } };
              return context.data().pacePending.find((candidate) => candidate.userId === userId);
            },
        );
      }
      return app;
    },
  },
  {
    name: 'pace-plain-json-errors',
    description: 'PACE errors come as plain JSON `{message}` instead of JSON:API error documents',
    groups: ['flows'],
    grep: 'PACE phone change: JSON:API errors',
    caughtBy: /401 UNAUTHENTICATED/,
    apply: (app) =>
      inFront(app, (req, res) => {
        if (!isPace(req)) return;
        rewriteJson(res, (answer) => {
          const errors = (answer.body as { errors?: { code: string }[] }).errors;
          return errors
            ? { status: answer.status, contentType: 'application/json; charset=utf-8', body: { message: errors[0]?.code } }
            : undefined;
        });
      }),
  },
];

/**
 * The control: the mock unchanged, run over everything the variants run. It must pass, which
 * proves that the variants' failures come from their change.
 */
export const UNCHANGED: Variant = {
  name: 'none',
  description: 'the mock unchanged (control)',
  groups: [...new Set(VARIANTS.flatMap((variant) => variant.groups))],
  grep: VARIANTS.map((variant) => `(?:${variant.grep})`).join('|'),
  caughtBy: /$^/,
  apply: (app) => app,
};

/** A variant by name (`none` is the unchanged mock). */
export function variantNamed(name: string): Variant {
  const found = [...VARIANTS, UNCHANGED].find((variant) => variant.name === name);
  if (!found) throw new Error(`no variant ${name}: use one of ${[...VARIANTS, UNCHANGED].map((variant) => variant.name).join(', ')}`);
  return found;
}
