// The run plan of the Postman collection: the order in which a collection run (Postman's runner,
// newman) sends the generated requests, and what each needs on a fresh mock: ids from the
// fixtures or captured from an earlier answer, a code read from the outbox, a file to upload.
// Everything else (paths, bodies, headers, auth) comes from the specs.
import { TOKENS } from '../../test/harness.ts';
import type { SpecName } from '../../mock/core/spec-files.ts';

export interface Step {
  /** Values of the path variables (`:id`). */
  path?: Record<string, string>;
  /** Fields replaced in the spec's example JSON body. */
  body?: Record<string, unknown>;
  /** The multipart body: a file by its path relative to the working directory, or a text value. */
  form?: Record<string, { src: string } | string>;
  /** A pre-request script (JavaScript) that makes what the request needs. */
  before?: string;
  /** Collection variables set from the JSON answer: variable name -> top-level field. */
  capture?: Record<string, string>;
  /** Why the request is left out of collection runs (it can still be sent by hand). */
  skipInRuns?: string;
}

/** Collection variables the plan sets, with the fixture values they hold before the run sets them. */
export const RUN_VARIABLES = {
  taskId: 'tsk_0001',
  fileId: 'fil_0001',
  avatarId: 'ava_0001',
  faultId: 'flt_000001',
  eventStream: 'skip',
} as const;

/** Paths of small fixture files for the uploads, relative to the project folder. */
const MEDIA = {
  text: 'fixtures/default/media/fil_0001',
  png: 'fixtures/default/media/ava_0001',
};

/**
 * `call(method, path, options, then)` sends a request to the mock (control calls with the admin
 * token when one is set) and hands the answer on; anything but 2xx is reported as a failed test.
 * `latest(query, then)` hands on the newest outbox entry matching the query.
 */
const HELPERS = `const call = (method, path, options, then) => {
  const headers = Object.assign({ 'Content-Type': 'application/json' }, options.headers);
  const adminToken = pm.variables.get('adminToken');
  if (path.startsWith('/__mock') && adminToken) headers['X-Mock-Admin-Token'] = adminToken;
  const request = {
    url: path.startsWith('http') ? path : pm.variables.get('baseUrl') + path,
    method,
    header: Object.entries(headers).map(([key, value]) => ({ key, value })),
  };
  if (options.body !== undefined) request.body = { mode: 'raw', raw: JSON.stringify(options.body) };
  pm.sendRequest(request, (error, response) => {
    if (!error && response.code < 300) return then(response);
    // A failed set-up shows among the test results (an error thrown here would go unreported).
    pm.test('set-up: ' + method + ' ' + path, () => {
      throw new Error(error ? error.message : 'answered ' + response.code + ': ' + response.text());
    });
  });
};
const latest = (query, then) => {
  const search = Object.entries(query).map(([key, value]) => key + '=' + encodeURIComponent(value)).join('&');
  call('GET', '/__mock/outbox/latest?' + search, {}, (response) => then(response.json()));
};`;

const script = (why: string, ...lines: string[]) => [`// ${why}`, HELPERS, ...lines].join('\n');

/** Sets the variable `code` to the code of the newest message to `to` for `purpose`. */
const codeFrom = (to: string, purpose: string) =>
  `latest({ to: ${JSON.stringify(to)}, purpose: ${JSON.stringify(purpose)} }, (entry) => pm.variables.set('code', entry.code));`;

const ALICE = { email: 'alice@example.com', phone: '+41791234567' };
const BOB = { email: 'bob@example.com', password: 'bob-pass-2', phone: '+41798887766' };
/** The new numbers of the examples (spec/pocketm8.openapi.yaml Update Phone, spec/pace-user.openapi.yaml). */
const NEW_PHONE = '+4176545653';
const NEW_PACE_PHONE = '+49170888999000';

/** Per API, the operations in the order a run sends them (every operation exactly once). */
export const RUN_PLAN: Record<SpecName, Record<string, Step>> = {
  pocketm8: {
    signIn: {},
    resetPassword: {},
    verifyToken: {
      before: script(
        'The reset token of the email Reset Password sent, from the outbox.',
        `latest({ to: '${ALICE.email}', purpose: 'password-reset' }, (entry) => pm.variables.set('resetToken', entry.token));`,
      ),
      body: { token: '{{resetToken}}' },
    },
    sendSmsCode: {},
    verifyCode: {
      before: script('The code Send SMS Code sent, from the outbox.', codeFrom(ALICE.phone, 'sign-in')),
      body: { code: '{{code}}' },
    },
    verifyChallenge: {
      before: script(
        'A challenge: Bob has two-factor sign-in on, so his sign-in answers one and sends him an SMS code.',
        `call('POST', '/api/auth/user/sign-in', { body: { login: '${BOB.email}', password: '${BOB.password}' } }, (response) => {`,
        `  pm.variables.set('challengeId', response.json().challenge.id);`,
        `  ${codeFrom(BOB.phone, 'challenge')}`,
        '});',
      ),
      body: { challengeId: '{{challengeId}}', code: '{{code}}' },
    },
    getUsers: {},
    getContacts: {},
    getContact: { path: { id: 'cnt_0001' } },
    uploadAvatar: { form: { file: { src: MEDIA.png } }, capture: { avatarId: 'id' } },
    getProfile: {},
    updateProfile: {},
    updateAvatar: { body: { avatarId: '{{avatarId}}' } },
    updateEmail: {},
    updatePhone: {},
    resendCode: {
      before: script(
        'A code may be sent again 60 s after the last one: move the mock clock a minute on (Reset to the fixtures puts it back).',
        `call('POST', '/__mock/clock', { body: { advance: '61s' } }, () => {});`,
      ),
    },
    verifyProfileCode: {
      before: script('The code of the phone change (the one Resend Code sent), from the outbox.', codeFrom(NEW_PHONE, 'phone-change')),
      body: { type: 'phone', code: '{{code}}' },
    },
    createTask: { capture: { taskId: 'id' } },
    getTasks: {},
    getTask: { path: { id: '{{taskId}}' } },
    updateTask: { path: { id: '{{taskId}}' } },
    updateTaskStatus: { path: { id: '{{taskId}}' } },
    deleteTask: { path: { id: '{{taskId}}' } },
    uploadFile: {
      form: { file: { src: MEDIA.text }, description: 'Uploaded by the Postman run', taskId: 'tsk_0001' },
      capture: { fileId: 'id' },
    },
    getFiles: {},
    getFile: { path: { id: '{{fileId}}' } },
    updateFile: { path: { id: '{{fileId}}' } },
    deleteFile: { path: { id: '{{fileId}}' } },
    getTaskEditRelations: {},
    getFileEditRelations: {},
    // fil_0001 is already in the Design room (fixtures): link it to Operations, then unlink it.
    linkMatrixFile: { path: { fileId: 'fil_0001' }, body: { roomId: '!ops:matrix.pocketm8.ch' } },
    unlinkMatrixFile: { path: { fileId: 'fil_0001' }, body: { roomId: '!ops:matrix.pocketm8.ch' } },
  },
  'pace-user': {
    CheckUserPhone: {},
    UpdateUserPhone: {},
    VerifyUserPhone: {
      before: script(
        'Alice has a phone, so the change waits for the link in the email: open it (confirmUrl), then read the SMS code it sent.',
        `latest({ to: '${ALICE.email}', purpose: 'pace-phone-confirm' }, (email) => {`,
        `  call('GET', email.confirmUrl, {}, () => {`,
        `    ${codeFrom(NEW_PACE_PHONE, 'pace-phone-change')}`,
        '  });',
        '});',
      ),
      body: { code: '{{code}}' },
    },
  },
  'mock-control': {
    getHealth: {},
    getApiReference: {},
    getApiReferenceAsset: {},
    getApiReferenceSpec: {},
    getConsole: {},
    streamEvents: {
      skipInRuns: 'a live stream that never ends by itself',
      before: [
        '// The stream stays open until it is cancelled, so collection runs leave it out.',
        "// To watch it here, set the collection variable eventStream to 'send'.",
        "if (pm.variables.get('eventStream') !== 'send') pm.execution.skipRequest();",
      ].join('\n'),
    },
    listRequests: {},
    getFileContent: { path: { id: 'fil_0001' } },
    getAvatarContent: { path: { id: 'ava_0001' } },
    listOutbox: {},
    getLatestOutboxEntry: {},
    clearOutbox: {},
    confirmPacePhoneChange: {
      before: script(
        "A PACE phone change waiting for its link: Bob asks for one (he has a phone and an email), and the link's token is read from the email.",
        `call('PUT', '/user/2021-2/user/phone', {`,
        `  headers: { 'Content-Type': 'application/vnd.api+json', Authorization: 'Bearer ${TOKENS.bob}' },`,
        `  body: { data: { type: 'phone', attributes: { phoneNumber: '+41767778899' } } },`,
        '}, () => {',
        `  latest({ to: '${BOB.email}', purpose: 'pace-phone-confirm' }, (entry) => pm.variables.set('paceToken', entry.token));`,
        '});',
      ),
      path: { token: '{{paceToken}}' },
    },
    getClock: {},
    moveClock: {},
    listFaults: {},
    createFault: { capture: { faultId: 'id' } },
    deleteFault: { path: { id: '{{faultId}}' } },
    clearFaults: {},
    // A world of its own for the run: made fresh, listed, then deleted.
    putWorld: { path: { world: 'postman-run' } },
    listWorlds: {},
    deleteWorld: { path: { world: 'postman-run' } },
    listUsers: {},
    createSnapshot: {},
    listSnapshots: {},
    restoreSnapshot: {},
    // Last: back to the fixtures (data, outbox, clock), so that the collection can run again.
    resetState: {},
  },
};
