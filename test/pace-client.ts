// Test helpers for the PACE routes (imported by tests only).
import request from 'supertest';
import type { MockApp } from '../mock/server/app.ts';
import type { Purpose } from '../mock/domain/codes.ts';
import type { OutboxEntry } from '../mock/store/data.ts';
import { bearer } from './harness.ts';

export const PHONE_PATH = '/user/2021-2/user/phone';
export const VERIFY_PATH = '/user/2021-2/user/phone/verify';
export const JSON_API = 'application/vnd.api+json';

export type Who = Parameters<typeof bearer>[0];

export function phoneDocument(phoneNumber: string): string {
  return JSON.stringify({ data: { type: 'phone', id: 'any', attributes: { phoneNumber } } });
}

/** The PACE and Pocketm8 calls of one user against one mock. */
export function paceClient({ app }: MockApp, who: Who) {
  return {
    check: () => request(app).get(PHONE_PATH).set('Authorization', bearer(who)),
    update: (phoneNumber: string) =>
      request(app).put(PHONE_PATH).set('Authorization', bearer(who)).set('Content-Type', JSON_API).send(phoneDocument(phoneNumber)),
    verify: (code: string) => request(app).put(VERIFY_PATH).set('Authorization', bearer(who)).send({ code }),
    profile: () => request(app).get('/api/profile').set('Authorization', bearer(who)),
    /** Opens a confirmation link as a browser would. */
    openLink: (url: string) => request(app).get(new URL(url).pathname),
  };
}

/** The newest outbox message for a purpose (and destination). */
export function lastMessage({ context }: MockApp, purpose: Purpose, to?: string): OutboxEntry | undefined {
  return context.data().outbox.findLast((entry) => entry.purpose === purpose && (to === undefined || entry.to === to));
}

/** A 6-digit code that is not this one. */
export const wrongFor = (code: string | undefined) => (code === '000000' ? '111111' : '000000');
