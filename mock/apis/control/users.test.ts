import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { bearer, createTestApp } from '../../../test/harness.ts';
import { changed } from '../../store/marks.ts';

const HOUR = 3_600_000;

describe('GET /__mock/users', () => {
  it('lists every fixture user by id, without passwords or tokens', async () => {
    const { app } = await createTestApp();
    const res = await request(app).get('/__mock/users');
    expect(res.status).toBe(200);
    expect(res.body.map((user: { id: string }) => user.id)).toEqual(['usr_alice', 'usr_bob', 'usr_carol', 'usr_dave', 'usr_erin']);
    expect(res.body[0]).toEqual({
      id: 'usr_alice',
      displayName: 'Alice Meier',
      email: 'alice@example.com',
      phone: '+41791234567',
      phoneVerified: true,
      emailVerified: true,
      pendingEmail: null,
      pendingPhone: null,
      pacePending: null,
      hasLinkedIdentity: true,
    });
    expect(res.body.find((user: { id: string }) => user.id === 'usr_erin').hasLinkedIdentity).toBe(false);
    expect(JSON.stringify(res.body)).not.toMatch(/password|scrypt|pm8_/i);
  });

  it('shows a Pocketm8 phone change waiting for its code', async () => {
    const { app } = await createTestApp();
    await request(app).put('/api/profile/phone').set('Authorization', bearer('alice')).send({ phone: '+4176545653' }).expect(200);
    const { body } = await request(app).get('/__mock/users');
    expect(body[0]).toMatchObject({ id: 'usr_alice', phone: '+41791234567', pendingPhone: '+4176545653' });
  });

  it('shows a pending PACE change until its 24 hours are over', async () => {
    const { app, context } = await createTestApp();
    const now = context.clock.now();
    context.data().pacePending.push({
      userId: 'usr_bob',
      phone: '+49170888999000',
      stage: 'awaiting-confirmation',
      confirmVerificationId: null,
      codeVerificationId: null,
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 24 * HOUR).toISOString(),
    });
    changed(context.data(), 'pacePending');
    const before = (await request(app).get('/__mock/users')).body.find((user: { id: string }) => user.id === 'usr_bob');
    expect(before.pacePending).toEqual({
      phone: '+49170888999000',
      stage: 'awaiting-confirmation',
      expiresAt: new Date(now + 24 * HOUR).toISOString(),
    });
    await request(app).post('/__mock/clock').send({ advance: '25h' }).expect(200);
    const after = (await request(app).get('/__mock/users')).body.find((user: { id: string }) => user.id === 'usr_bob');
    expect(after.pacePending).toBeNull();
  });

  it('orders ids by their number: usr_10000 after usr_9999', async () => {
    const { app, context } = await createTestApp();
    const alice = context.data().users[0]!;
    context.data().users.push({ ...alice, id: 'usr_10000', email: null }, { ...alice, id: 'usr_9999', email: null });
    const { body } = await request(app).get('/__mock/users');
    expect(body.slice(0, 2).map((user: { id: string }) => user.id)).toEqual(['usr_9999', 'usr_10000']);
  });
});
