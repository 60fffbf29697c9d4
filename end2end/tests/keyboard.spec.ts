import { expect, test } from '@playwright/test';
import { account, expectPath, HOME, waitForHydration } from './helpers';

// Signing in with the keyboard alone: Tab reaches email, password and the submit button in that order; Enter submits.

async function focusedId(page: import('@playwright/test').Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    if (el.id) return `#${el.id}`;
    return `${el.tagName.toLowerCase()}[type=${el.getAttribute('type') ?? ''}]`;
  });
}

test('the sign-in form works with the keyboard alone', async ({ page }) => {
  const agent = account('agent');
  await page.goto('/login');
  await waitForHydration(page);

  // From the top of the page, Tab through the header until the email field has focus.
  let reached = false;
  for (let i = 0; i < 30 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = (await focusedId(page)) === '#email';
  }
  expect(reached, 'Tab reaches #email').toBe(true);
  await page.keyboard.type(agent.email);

  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('#password');
  await page.keyboard.type(agent.password);

  await page.keyboard.press('Tab');
  const submit = page.locator('form[action="/auth/login"]').getByRole('button').first();
  await expect(submit).toBeFocused();

  // Enter in the password field submits the form.
  await page.keyboard.press('Shift+Tab');
  expect(await focusedId(page)).toBe('#password');
  await page.keyboard.press('Enter');
  await expectPath(page, HOME.agent.path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME.agent.heading);
});
