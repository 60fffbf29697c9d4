import { expect, test, type Page } from '@playwright/test';
import { expectHeading, loginAs, waitForHydration } from './helpers';
import { expectNoViolations } from './axe';
import { customerTicket, jsEnabled, nonce } from './tickets/api';

// /admin/rules: an admin previews a new automation rule against the open tickets, saves it, sees a refusal next to
// the field at fault, and deletes the rule after confirming. Every step is a plain form (the preview is the form
// sent by GET), so the spec runs in the js-on and the js-off project alike.
test.describe.configure({ mode: 'serial' });

/** axe runs inside the page, so only where the page may run scripts (the js-on project); js-off checks the forms. */
async function expectAccessible(page: Page, path: string): Promise<void> {
  if (jsEnabled()) {
    await expectNoViolations(page, path);
  }
}

async function openRules(page: Page): Promise<void> {
  await page.goto('/admin/rules');
  await expectHeading(page, 'Automation rules');
  await waitForHydration(page);
}

async function fillRule(page: Page, name: string, word: string, actions: string): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Trigger').selectOption('ticket_created');
  await page
    .getByLabel('Conditions (JSON)')
    .fill(JSON.stringify({ all: [{ field: 'subject', op: 'contains', value: word }] }, null, 2));
  await page.getByLabel('Actions (JSON)').fill(actions);
}

test('an admin previews, creates and deletes a rule on /admin/rules', async ({ page }) => {
  const word = `rulecheck${nonce()}`;
  const ticket = await customerTicket(`Printer ${word} broken`);
  const name = `Tag ${word}`;
  const tag = JSON.stringify([{ type: 'add_tag', tag: 'printer' }]);

  await loginAs(page, 'admin');
  await openRules(page);
  await expect(page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Automation rules' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await expectAccessible(page, '/admin/rules');

  // Preview: the open ticket with the word in its subject, linked to its page.
  await fillRule(page, name, word, tag);
  await page.getByRole('button', { name: 'Preview matches' }).click();
  const preview = page.locator('#rule-preview-result');
  await expect(preview).toBeVisible();
  await expect(preview.getByRole('link', { name: new RegExp(word) })).toHaveAttribute('href', `/agent/tickets/${ticket.id}`);
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
  await expectAccessible(page, '/admin/rules (preview)');

  // Save what was previewed (the form kept it).
  await page.getByRole('button', { name: 'Create rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rule created.' })).toBeVisible();
  const item = page.locator('#rule-list li').filter({ hasText: name });
  await expect(item).toContainText('When a ticket is created');
  await expect(item).toContainText('Active');

  // A refusal is shown next to the field at fault, and the page stays accessible.
  await fillRule(page, `${name} broken`, word, '[{');
  await page.getByRole('button', { name: 'Create rule' }).click();
  const error = page.locator('#rule-actions-error');
  await expect(error).toContainText('This is not valid JSON.');
  await expect(page.getByLabel('Actions (JSON)')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, '/admin/rules (error shown)');

  // Delete, after confirming; keyboard only.
  await openRules(page);
  await page.getByRole('link', { name: `Delete ${name}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Delete this rule?' })).toBeVisible();
  await page.getByRole('button', { name: 'Yes, delete the rule' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Rule deleted.' })).toBeVisible();
  await expect(page.locator('#rule-list li').filter({ hasText: name })).toHaveCount(0);
});
