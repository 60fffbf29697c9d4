import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe';
import { expectHeading, loginAs } from './helpers';
import { customerTicket, nonce, waitUntilLive } from './tickets/api';

// axe on every ticket page, each with real content (a ticket with a reply and an internal note).

test('the portal ticket pages have no axe violations', async ({ page }) => {
  test.slow(); // axe on three pages
  const ticket = await customerTicket(`Accessible request ${nonce()}`);
  await loginAs(page, 'customer');
  for (const [path, heading] of [
    ['/portal', 'My requests'],
    ['/portal/new', 'New request'],
    [`/portal/tickets/${ticket.id}`, ticket.subject],
  ]) {
    await page.goto(path);
    await expectHeading(page, heading);
    await expectNoViolations(page, path);
  }
});

test('the agent ticket pages have no axe violations', async ({ page }) => {
  test.slow(); // axe on five pages
  const ticket = await customerTicket(`Accessible ticket ${nonce()}`);
  await loginAs(page, 'agent');
  await page.goto(`/agent/tickets/${ticket.id}`);
  await expectHeading(page, ticket.subject);
  await page.locator('#mode-note').check();
  await page.locator('#agent-reply-body').fill('A note for axe to look at');
  await page.locator('#send-reply').click();
  await expect(page.getByRole('status')).toHaveText('Internal note added.');
  await expectNoViolations(page, '/agent/tickets/:id');
  for (const [path, heading] of [
    ['/agent', 'Inbox'],
    ['/agent/tickets', 'Tickets'],
    ['/agent/customers', 'Customers'],
    ['/agent/canned', 'Canned responses'],
  ]) {
    await page.goto(path);
    await expectHeading(page, heading);
    await expectNoViolations(page, path);
  }
});

test('the context preview lists exactly what will be sent', async ({ page }) => {
  await loginAs(page, 'customer');
  await page.goto('/portal/new');
  await waitUntilLive(page);
  const box = page.getByLabel('Share technical details');
  await expect(box).not.toBeChecked();
  await expect(page.locator('input[name="context"]')).toHaveCount(0);
  await box.check();
  const preview = page.locator('#context-preview');
  await expect(preview).toContainText('Browser');
  await expect(preview).toContainText('Time zone');
  const sent = JSON.parse((await page.locator('input[name="context"]').inputValue()) as string) as Record<string, string>;
  expect(Object.keys(sent).sort()).toEqual(['browser', 'language', 'os', 'page_url', 'screen', 'time_zone']);
  for (const value of Object.values(sent)) {
    await expect(preview).toContainText(value);
  }
  expect(sent.page_url).not.toContain('?');
  await expectNoViolations(page, '/portal/new (context preview)');
  await box.uncheck();
  await expect(page.locator('input[name="context"]')).toHaveCount(0);
});
