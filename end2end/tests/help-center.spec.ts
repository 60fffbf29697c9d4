import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe';
import { expectHeading, loginAs, pathOf, waitForHydration } from './helpers';

// The knowledge base from both ends (issue 5): an admin writes and publishes a German article in /admin/kb; a
// visitor who is not signed in finds it in the help center by searching with a typo and no umlauts, reads it and
// votes. axe runs on every help-center page the visitor sees.

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
// A made-up word makes this run's article the only one that can match, whatever earlier runs left behind.
const codeWord = `Kursgutschein${run.replace(/[0-9]/g, '')}`;
const title = `${codeWord} einlösen und Prüfung buchen`;

test('an admin publishes a German article and a visitor finds it with a typo and votes', async ({ browser }) => {
  test.setTimeout(90_000);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await loginAs(admin, 'admin');
  await admin.goto('/admin/kb/new');
  await waitForHydration(admin);
  await admin.locator('#kb-title').fill(title);
  await admin.locator('#kb-lang').selectOption('de');
  await admin.locator('#kb-tags').fill('gutschein, prüfung');
  await admin
    .locator('#kb-body')
    .fill(`## Gutschein einlösen\n\nGeben Sie den ${codeWord} im Warenkorb ein.\n\n## Prüfung buchen\n\nWählen Sie einen Termin.`);
  await admin.locator('#kb-save').click();
  await expect.poll(() => pathOf(admin)).toMatch(/^\/admin\/kb\/[^/]+$/);
  await expect.poll(() => pathOf(admin)).not.toBe('/admin/kb/new');
  await waitForHydration(admin);
  await admin.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(admin.locator('#kb-details [data-article-status]')).toHaveText('Published');
  await adminContext.close();

  const visitorContext = await browser.newContext({ locale: 'de-DE', extraHTTPHeaders: { 'Accept-Language': 'de' } });
  const visitor = await visitorContext.newPage();
  await visitor.goto('/help/de');
  await expectNoViolations(visitor, '/help/de');

  // One letter dropped from the made-up word and "einlosen" without its umlaut.
  const typo = `${codeWord.slice(0, 4)}${codeWord.slice(5)} einlosen`;
  await visitor.locator('#help-search').fill(typo);
  await visitor.locator('#help-search').press('Enter');
  await expect.poll(() => pathOf(visitor)).toBe('/help/de/search');
  const firstResult = visitor.getByRole('main').getByRole('link', { name: title });
  await expect(firstResult).toBeVisible();
  await expectNoViolations(visitor, '/help/de/search');

  await firstResult.click();
  await expect.poll(() => pathOf(visitor)).toMatch(/^\/help\/de\/articles\//);
  await expectHeading(visitor, title);
  await expect(visitor.locator('a[href="#gutschein-einloesen"]').first()).toBeVisible();
  await expectNoViolations(visitor, pathOf(visitor));

  await visitor.getByRole('button', { name: 'Ja', exact: true }).click();
  await expect(visitor.locator('#feedback [role="status"]')).toContainText('Dank');
  await expect(visitor.locator('#feedback [role="status"]')).toContainText('1');
  await visitorContext.close();
});
