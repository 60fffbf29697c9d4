import { expect, test } from '@playwright/test';
import { expectHeading, loginAs, waitForHydration } from './helpers';
import { expectNoViolations } from './axe';

// /admin/channels: the e2e server runs with a Telegram bot configured against an address nothing answers on
// (scripts/test.sh), so the page shows its masked settings and a test message that fails with a clear message.
test('an admin sees the channel setup without secrets and a failed test message explained', async ({ page }) => {
  await loginAs(page, 'admin');
  await page.goto('/admin/channels');
  await expectHeading(page, 'Channels');
  await waitForHydration(page);

  const telegram = page.locator('#channel-telegram');
  await expect(telegram).toHaveAttribute('data-configured', 'true');
  await expect(telegram).toContainText('TIDINGS_TELEGRAM_BOT_TOKEN');
  await expect(telegram).toContainText('characters)');
  await expect(page.locator('body')).not.toContainText('e2e-telegram-secret');
  await expect(page.locator('#channel-whatsapp')).toHaveAttribute('data-configured', 'false');
  await expectNoViolations(page, '/admin/channels');

  // Keyboard only: type the chat id, submit with Enter.
  await page.locator('#test-telegram-to').focus();
  await page.keyboard.type('123456789');
  await page.keyboard.press('Enter');
  const error = page.locator('#test-telegram-to-error');
  await expect(error).toContainText('did not answer', { timeout: 30_000 });
  await expect(page.locator('#test-telegram-to')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, '/admin/channels (error shown)');
});
