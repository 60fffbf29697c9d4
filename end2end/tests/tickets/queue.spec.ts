import { expect, test } from '@playwright/test';
import { account, login, waitForHydration } from '../helpers';
import { apiAs, customerTicket, nonce, ticketAs } from './api';

// The agent queue: the filter form and search narrow the list, saved views are links, and the bulk form assigns
// the selected tickets. Runs with and without JavaScript.

test('filters and search narrow the queue', async ({ page }) => {
  const word = nonce();
  const alpha = await customerTicket(`Queue ${word} alpha printer`);
  const beta = await customerTicket(`Queue ${word} beta login`);
  const staff = await apiAs('agent');
  const patched = await staff.patch(`/api/v1/tickets/${beta.id}`, { data: { priority: 'urgent' } });
  expect(patched.status()).toBe(200);
  await staff.dispose();

  const smith = account('agent');
  await login(page, smith.email, smith.password);
  await page.goto('/agent/tickets');
  await waitForHydration(page);
  const rows = page.locator('#queue-table tbody tr');

  await page.locator('#filter-q').fill(word);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.locator('#filter-q')).toHaveValue(word);

  await page.locator('#filter-q').fill(`${word} printer`);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(alpha.subject);

  await page.locator('#filter-q').fill(word);
  await page.locator('#filter-priority').selectOption('urgent');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(beta.subject);
  expect(new URL(page.url()).searchParams.get('priority')).toBe('urgent');

  // A filter the service refuses is explained next to it.
  await page.goto(`/agent/tickets?q=${word}&created_from=yesterday`);
  await expect(page.locator('#filter-created-from-error')).toBeVisible();
});

test('saved views and sort headers are links that keep the filters', async ({ page }) => {
  const smith = account('agent');
  await login(page, smith.email, smith.password);
  await page.goto('/agent');
  await page.locator('a[data-view="unassigned"]').click();
  await expect.poll(() => new URL(page.url()).searchParams.get('assignee')).toBe('none');
  expect(new URL(page.url()).searchParams.get('status')).toBe('new,open,pending');
  await page.locator('a[data-sort="-priority"], a[data-sort="priority"]').first().click();
  await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('priority');
  expect(new URL(page.url()).searchParams.get('assignee')).toBe('none');
  await expect(page.locator('th[aria-sort="descending"]')).toContainText('Priority');
});

test('bulk assign gives the selected tickets to an agent', async ({ page }) => {
  const word = nonce();
  const first = await customerTicket(`Bulk ${word} one`);
  const second = await customerTicket(`Bulk ${word} two`);
  const untouched = await customerTicket(`Bulk ${word} three`);

  const smith = account('agent');
  await login(page, smith.email, smith.password);
  await page.goto(`/agent/tickets?q=${word}`);
  await waitForHydration(page);
  await page.getByRole('checkbox', { name: `Select #${first.number}` }).check();
  await page.getByRole('checkbox', { name: `Select #${second.number}` }).check();
  await page.locator('#bulk-assignee').selectOption({ label: 'Agent Smith' });
  await page.locator('#bulk-status').selectOption('pending');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(page.getByRole('status')).toHaveText('Selected tickets updated.');
  expect(new URL(page.url()).searchParams.get('q')).toBe(word);

  for (const ticket of [first, second]) {
    const now = await ticketAs('agent', ticket.id);
    expect(now.assignee?.name).toBe('Agent Smith');
    expect(now.status).toBe('pending');
  }
  expect((await ticketAs('agent', untouched.id)).assignee).toBeNull();
  await expect(page.locator(`tr:has-text("${first.subject}")`)).toContainText('Agent Smith');
});

test('bulk actions without a selection explain what is missing', async ({ page }) => {
  const smith = account('agent');
  await login(page, smith.email, smith.password);
  await customerTicket(`Bulk empty ${nonce()}`);
  await page.goto('/agent/tickets');
  await page.locator('#bulk-status').selectOption('pending');
  await page.getByRole('button', { name: 'Apply to selected' }).click();
  await expect(page.locator('#bulk-form-error')).toBeVisible();
});
