import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectHeading, loginAs, waitForHydration } from './helpers';
import { expectNoViolations } from './axe';
import { apiAs, customerTicket, jsEnabled, nonce } from './tickets/api';

// /supervisor and /agent/me: a supervisor changes the report period (a preset, then a custom range) and the cards,
// the period line and the charts follow; every number links to the queue; an agent sees their own numbers. Plain
// GET forms, so the spec runs in the js-on and the js-off project alike; axe runs where scripts do. With scripts,
// today's cards count a ticket filed while the page is open, without a reload.
test.describe.configure({ mode: 'serial' });

async function expectAccessible(page: Page, path: string): Promise<void> {
  if (jsEnabled()) {
    await expectNoViolations(page, path);
  }
}

function currentValue(page: Page, kpi: string, cards = '#kpi-cards') {
  return page.locator(`${cards} [data-kpi="${kpi}"] [data-role="current"]`);
}

/** The period's cards (today's live cards are a second list). */
function periodCards(page: Page) {
  return page.locator('#kpi-cards [data-kpi]');
}

/** The bars of the created-and-resolved chart: two per day of the period. */
function dailyBars(page: Page) {
  return page.locator('[data-chart="chart-daily"] svg rect');
}

async function show(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await waitForHydration(page);
}

test('a supervisor changes the period on /supervisor and the cards and charts follow', async ({ page }) => {
  const subject = `Dashboard ${nonce()}`;
  await customerTicket(subject);
  await loginAs(page, 'supervisor');
  await page.goto('/supervisor?preset=7d');
  await expectHeading(page, 'Dashboard');
  await waitForHydration(page);
  await expect(periodCards(page)).toHaveCount(11);
  const createdThisWeek = Number(await currentValue(page, 'tickets_created').textContent());
  expect(createdThisWeek, 'the ticket filed just now counts').toBeGreaterThan(0);
  await expect(dailyBars(page)).toHaveCount(14);
  await expect(page.locator('[data-chart="chart-peak"] svg rect')).toHaveCount(7 * 24);
  const weekLine = await page.locator('#analytics-period').textContent();
  await expectAccessible(page, '/supervisor');

  // The 30-day preset: a longer day chart, another period line, at least as many tickets.
  await page.getByLabel('Period', { exact: true }).selectOption('30d');
  await show(page);
  await expect(page).toHaveURL(/preset=30d/);
  await expect(dailyBars(page)).toHaveCount(60);
  await expect(page.locator('#analytics-period')).not.toHaveText(weekLine ?? '');
  expect(Number(await currentValue(page, 'tickets_created').textContent())).toBeGreaterThanOrEqual(createdThisWeek);

  // A custom range long ago: nothing was created then.
  await page.getByLabel('Custom from').fill('2020-01-01');
  await page.getByLabel('Custom to').fill('2020-01-31');
  await show(page);
  await expect(page.locator('#analytics-period')).toContainText('2020-01-01 – 2020-01-31');
  await expect(currentValue(page, 'tickets_created')).toHaveText('0');
  await expect(dailyBars(page)).toHaveCount(62);

  // A range that ends before it starts is explained next to its field.
  await page.getByLabel('Custom from').fill('2020-02-01');
  await show(page);
  await expect(page.locator('#analytics-to-error')).toHaveText('The end date must not be before the start date.');
  await expect(page.locator('[data-kpi]')).toHaveCount(0);

  // Back to this week; the number of new tickets opens the queue on them.
  await page.goto('/supervisor?preset=7d');
  await waitForHydration(page);
  await currentValue(page, 'tickets_created').click();
  await expect(page).toHaveURL(/\/agent\/tickets\?created_from=\d{4}-\d{2}-\d{2}&created_to=\d{4}-\d{2}-\d{2}/);
  await expectHeading(page, 'Tickets');
  await expect(page.getByRole('link', { name: new RegExp(subject) })).toBeVisible();
});

test('today\'s cards count a new ticket while the dashboard is open', async ({ page }) => {
  test.skip(!jsEnabled(), 'live updates need scripts');
  await loginAs(page, 'supervisor');
  await page.goto('/supervisor?preset=7d');
  await expectHeading(page, 'Dashboard');
  await waitForHydration(page);
  await expect(page.locator('#today-cards [data-kpi]')).toHaveCount(5);
  const createdToday = currentValue(page, 'tickets_created', '#today-cards');
  const before = Number(await createdToday.textContent());
  const periodBefore = await currentValue(page, 'tickets_created').textContent();
  // The socket is open and has subscribed before the ticket is filed (the page only learns of later changes).
  await expect(page.locator('#today-live')).toHaveAttribute('data-live', 'connected');
  await page.waitForTimeout(300);
  await customerTicket(`Live count ${nonce()}`);
  await expect(createdToday).toHaveText(String(before + 1), { timeout: 10_000 });
  // The period's cards are the page load's until the form is sent again.
  await expect(currentValue(page, 'tickets_created')).toHaveText(periodBefore ?? '');
  await expectAccessible(page, '/supervisor');
});

test('a supervisor downloads the period as CSV, with its progress shown in the page', async ({ page }) => {
  await customerTicket(`Export ${nonce()}`);
  await loginAs(page, 'supervisor');
  await page.goto('/supervisor?preset=7d');
  await waitForHydration(page);
  const downloaded = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await downloaded;
  expect(file.suggestedFilename()).toMatch(/^tidings-analytics-\d{8}-\d{8}\.csv$/);
  const lines = (await readFile((await file.path()) ?? '', 'utf8')).split('\r\n');
  expect(lines[0]).toBe('metric,current,previous');
  const ticketHeader = lines.findIndex((line) => line.startsWith('ticket_id,number,'));
  const ticketRows = lines.slice(ticketHeader + 1).filter((line) => line !== '').length;
  expect(ticketRows, 'the ticket filed just now is behind this week').toBeGreaterThan(0);
  if (jsEnabled()) {
    // Downloaded in the page, counted against the server's row count.
    await expect(page.locator('#export-status')).toHaveText(`Saved, with ${ticketRows} ticket rows.`);
  }
  await expect(page.getByRole('link', { name: 'Download Excel (XLSX)' })).toHaveAttribute(
    'href',
    '/api/v1/analytics/export?format=xlsx&preset=7d',
  );
});

test('an agent sees their own numbers on /agent/me and not the dashboard', async ({ page }) => {
  const ticket = await customerTicket(`Mine ${nonce()}`);
  const api = await apiAs('agent');
  const me = await (await api.get('/api/v1/me')).json();
  const assigned = await api.patch(`/api/v1/tickets/${ticket.id}`, { data: { assignee_id: me.id } });
  expect(assigned.status(), await assigned.text()).toBe(200);
  await api.dispose();

  await loginAs(page, 'agent');
  await page.goto('/agent/me?preset=7d');
  await expectHeading(page, 'My numbers');
  await waitForHydration(page);
  await expect(periodCards(page)).toHaveCount(11);
  expect(Number(await currentValue(page, 'tickets_created').textContent())).toBeGreaterThan(0);
  await expect(page.getByLabel('Agent', { exact: true })).toHaveCount(0);
  await expect(currentValue(page, 'tickets_created')).toHaveAttribute('href', /assignee=me/);
  await expectAccessible(page, '/agent/me');
  await page.getByLabel('Period', { exact: true }).selectOption('90d');
  await show(page);
  await expect(page).toHaveURL(/preset=90d/);

  const response = await page.goto('/supervisor');
  expect(response?.status()).toBe(403);
  await expect(page.locator('[data-kpi]')).toHaveCount(0);
});
