// Group `flows`: avatars: upload an image, set it on the profile, others see it.
import { beforeAll, describe, expect, it } from 'vitest';
import { pocketm8 } from '../lib/client.ts';
import { freshText, profileOf, type Profile } from '../lib/accounts.ts';
import { clockStill } from '../lib/clock-lease.ts';
import { expectError } from '../lib/expectations.ts';
import { titled } from '../lib/flow-test.ts';
import { ELF_BYTES, PNG_BYTES, pngPart, textPart } from '../lib/samples.ts';
import { download, expectServes, uploadedAvatar } from '../lib/resources.ts';
import { lacking, signUpBySms, type TestUser } from '../lib/world.ts';

const GIF_BYTES = Buffer.concat([Buffer.from('GIF89a', 'ascii'), Buffer.from([1, 0, 1, 0, 0, 0, 0, 0x3b])]);

const skip = lacking('code');

describe.skipIf(skip !== undefined)(titled('flows: avatars', skip), () => {
  let me: TestUser;
  let other: TestUser;
  beforeAll(() =>
    clockStill(async () => {
      me = await signUpBySms();
      other = await signUpBySms();
    }),
  );

  it("upload a PNG -> 201 Avatar -> Update Avatar -> the profile's avatarUrl serves the bytes; others see it too", async () => {
    const avatar = await uploadedAvatar(me.token, pngPart('me.png'));
    expect(avatar).toMatchObject({ mimeType: 'image/png', size: PNG_BYTES.length });
    await expectServes(avatar.url, PNG_BYTES, 'image/png');
    expect((await profileOf(me.token)).avatarUrl, 'an uploaded avatar is not set before Update Avatar').toBeNull();

    const res = await pocketm8('updateAvatar', { token: me.token, body: { avatarId: avatar.id } });
    expect(res.status).toBe(200);
    const profile = res.body as Profile;
    expect(profile.id).toBe(me.userId);
    expect(profile.avatarUrl).not.toBeNull();
    expect(await profileOf(me.token)).toEqual(profile);
    await expectServes(profile.avatarUrl ?? '', PNG_BYTES, 'image/png');

    const name = freshText('Avatar Person');
    expect((await pocketm8('updateProfile', { token: me.token, body: { displayName: name } })).status).toBe(200);
    const seen = await pocketm8('getUsers', { token: other.token, query: { search: name } });
    expect((seen.body as { data: unknown[] }).data).toEqual([{ id: me.userId, displayName: name, avatarUrl: profile.avatarUrl }]);
  });

  it('a new avatar replaces the old one on the profile', async () => {
    const first = await uploadedAvatar(me.token, pngPart('one.png'));
    const second = await uploadedAvatar(me.token, pngPart('two.png'));
    expect(second.id).not.toBe(first.id);
    const one = ((await pocketm8('updateAvatar', { token: me.token, body: { avatarId: first.id } })).body as Profile).avatarUrl;
    const two = ((await pocketm8('updateAvatar', { token: me.token, body: { avatarId: second.id } })).body as Profile).avatarUrl;
    expect(two).not.toBe(one);
    expect((await profileOf(me.token)).avatarUrl).toBe(two);
    if (!lacking('control'))
      expect((await download(one ?? '')).status, "the mock's media URL of a replaced avatar (control spec: 404)").toBe(404);
  });

  it.each([
    ['text', textPart('not an image', 'face.png')],
    ['a GIF (a file type, not an avatar type)', { field: 'file', bytes: GIF_BYTES, filename: 'face.gif', contentType: 'image/gif' }],
    ['an executable', { field: 'file', bytes: ELF_BYTES, filename: 'face.png', contentType: 'image/png' }],
  ])('%s as an avatar -> 415 UNSUPPORTED_MEDIA_TYPE', async (_what, part) => {
    expectError(await pocketm8('uploadAvatar', { token: me.token, multipart: { files: [part] } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a form without the file part -> 400 VALIDATION_ERROR', async () => {
    expectError(await pocketm8('uploadAvatar', { token: me.token, multipart: { fields: { note: 'no file' } } }), 400, 'VALIDATION_ERROR');
  });

  it("Update Avatar with an unknown avatar or another user's -> 404 NOT_FOUND, the profile unchanged", async () => {
    const before = await profileOf(other.token);
    const theirs = await uploadedAvatar(me.token, pngPart('mine.png'));
    expectError(await pocketm8('updateAvatar', { token: other.token, body: { avatarId: 'ava_does_not_exist_0' } }), 404, 'NOT_FOUND');
    expectError(await pocketm8('updateAvatar', { token: other.token, body: { avatarId: theirs.id } }), 404, 'NOT_FOUND');
    expect(await profileOf(other.token)).toEqual(before);
  });
});
