import { expect, test } from '@playwright/test';
import { expectHeading, expectPath, loginForm } from './helpers';

// Language choice (docs/ui-contract.md): cookie `tidings_lang` wins, else Accept-Language, else English.

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE', extraHTTPHeaders: { 'Accept-Language': 'de-DE,de;q=0.9' } });

  test('gets the German sign-in page and can switch to English', async ({ page }) => {
    await page.goto('/login');
    await expectHeading(page, 'Anmelden');
    await expect(page.locator('html')).toHaveAttribute('lang', /^de\b/);
    await expect(page.getByLabel('Passwort', { exact: true })).toBeVisible();

    const languages = page.getByRole('navigation', { name: 'Sprache' });
    await expect(languages.getByRole('link', { name: 'Deutsch' })).toHaveAttribute('aria-current', 'true');
    await languages.getByRole('link', { name: 'English' }).click();

    await expectPath(page, '/login');
    await expectHeading(page, 'Sign in');
    await expect(page.locator('html')).toHaveAttribute('lang', /^en\b/);
    await expect(
      page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'English' }),
    ).toHaveAttribute('aria-current', 'true');

    // The cookie outlasts the page: a fresh load stays English despite Accept-Language.
    await page.goto('/login');
    await expectHeading(page, 'Sign in');
  });
});

test('an English browser can switch to German', async ({ page }) => {
  await page.goto('/login');
  await expectHeading(page, 'Sign in');
  await expect(page.locator('html')).toHaveAttribute('lang', /^en\b/);
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click();
  await expectPath(page, '/login');
  await expectHeading(page, 'Anmelden');
  await expect(page.locator('html')).toHaveAttribute('lang', /^de\b/);
});

test.describe('a phone-sized screen', () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test('shows the sign-in form without horizontal scrolling', async ({ page }) => {
    await page.goto('/login');
    const form = loginForm(page);
    await expect(form.locator('#email')).toBeVisible();
    await expect(form.locator('#password')).toBeVisible();
    const scrollWidth = await page.evaluate(() => document.scrollingElement?.scrollWidth ?? 0);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    for (const control of [form.locator('#email'), form.locator('#password'), form.getByRole('button').first()]) {
      const box = await control.boundingBox();
      expect(box, 'control is laid out').not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    }
  });
});
