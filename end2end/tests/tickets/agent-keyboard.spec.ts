import { expect, test, type Page } from '@playwright/test';
import { account, expectHeading, login } from '../helpers';
import { customerTicket, nonce, waitUntilLive } from './api';

// The agent's reply flow with the keyboard alone (Tab, Enter, Space and typing): from the queue to the ticket,
// into the reply box, and Send.

async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    return el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim().slice(0, 60)}`;
  });
}

/** Presses Tab until `matches` says the focused element is the one wanted (at most `limit` times). */
async function tabTo(page: Page, matches: (focused: string) => boolean, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`Tab never reached the element; last focus: ${await focused(page)}`);
}

test('an agent answers a ticket with the keyboard alone', async ({ page }) => {
  const word = nonce();
  const subject = `Keyboard ticket ${word}`;
  await customerTicket(subject);
  const smith = account('agent');
  await login(page, smith.email, smith.password);
  await page.goto(`/agent/tickets?q=${word}`);
  await waitUntilLive(page);

  await tabTo(page, (f) => f === `a:${subject}`);
  await page.keyboard.press('Enter');
  await expectHeading(page, subject);
  await waitUntilLive(page);

  await tabTo(page, (f) => f === '#agent-reply-body');
  const reply = `Typed without a mouse ${word}`;
  await page.keyboard.type(reply);
  await tabTo(page, (f) => f === '#send-reply', 10);
  await page.keyboard.press('Space');
  await expect(page.getByRole('status')).toHaveText('Reply sent.');
  await expect(page.locator('#thread')).toContainText(reply);
});
