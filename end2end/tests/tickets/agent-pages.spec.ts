import { expect, test } from '@playwright/test';
import { account, expectHeading, login } from '../helpers';
import { customerTicket, nonce } from './api';

// Canned responses and the customer lookup, as plain forms and links (with and without JavaScript).

test.beforeEach(async ({ page }) => {
  const smith = account('agent');
  await login(page, smith.email, smith.password);
});

test('canned responses are created, edited and deleted', async ({ page }) => {
  const word = nonce();
  await page.goto('/agent/canned');
  await expectHeading(page, 'Canned responses');
  await page.locator('#canned-title').fill(`Reset steps ${word}`);
  await page.locator('#canned-body').fill('Hello {{customer.name}}, use the reset link.');
  await page.locator('#canned-shared').check();
  await page.getByRole('button', { name: 'Create canned response' }).click();
  await expect(page.getByRole('status')).toHaveText('Canned response created.');
  const item = page.locator('#canned-list li', { hasText: `Reset steps ${word}` });
  await expect(item).toContainText('Shared');

  await item.getByRole('link', { name: `Edit Reset steps ${word}` }).click();
  await expect(page.locator('#canned-title')).toHaveValue(`Reset steps ${word}`);
  await page.locator('#canned-title').fill(`Password reset ${word}`);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Canned response saved.');
  const renamed = page.locator('#canned-list li', { hasText: `Password reset ${word}` });
  await expect(renamed).toBeVisible();

  await renamed.getByRole('button', { name: `Delete Password reset ${word}` }).click();
  await expect(page.getByRole('status')).toHaveText('Canned response deleted.');
  await expect(page.locator('#canned-list li', { hasText: word })).toHaveCount(0);

  await page.getByRole('button', { name: 'Create canned response' }).click();
  await expect(page.locator('#canned-title-error')).toHaveText('This field is required.');
});

test('customers are found by name or email and show their tickets', async ({ page }) => {
  const subject = `Lookup ${nonce()}`;
  await customerTicket(subject);
  const carla = account('customer');
  await page.goto('/agent/customers');
  await expectHeading(page, 'Customers');
  await page.locator('#customer-q').fill(carla.email);
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  const row = page.locator('#customer-table tbody tr', { hasText: carla.email });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: 'Carla Customer' }).click();
  await expectHeading(page, 'Carla Customer');
  await expect(page.getByText('Customer since')).toBeVisible();
  await page.getByRole('link', { name: subject }).click();
  await expectHeading(page, subject);
});
