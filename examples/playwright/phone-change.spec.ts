import { expect, test } from './fixtures.ts';

// Several tests change the same user's phone to the same number at once: each in its own world.
for (const run of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`changes the phone through the app (${run})`, async ({ page, mock }) => {
    await page.goto(`${process.env.APP_URL}/?api=${encodeURIComponent(mock.urls.pocketm8)}`);
    await page.getByLabel('Email').fill('alice@example.com');
    await page.getByLabel('Password').fill('alice-pass-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('status')).toHaveText('Signed in');

    await page.getByLabel('New phone').fill('+41795550177');
    await page.getByRole('button', { name: 'Send code' }).click();
    const code = await mock.waitForCode({ to: '+41795550177', purpose: 'phone-change' });
    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('status')).toHaveText('Phone updated');
    await expect(page.locator('#current')).toHaveText('+41795550177');
  });
}

test('a wrong code is refused', async ({ page, mock }) => {
  await page.goto(`${process.env.APP_URL}/?api=${encodeURIComponent(mock.urls.pocketm8)}`);
  await page.getByLabel('Email').fill('alice@example.com');
  await page.getByLabel('Password').fill('alice-pass-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('New phone').fill('+41791234568');
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = await mock.waitForCode({ to: '+41791234568' });
  await page.getByLabel('Code').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status')).toHaveText('Wrong code: INVALID_CODE');
});
