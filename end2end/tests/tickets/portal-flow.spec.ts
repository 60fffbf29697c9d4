import { expect, test } from '@playwright/test';
import { account, expectHeading, expectPath, login, pathOf, waitForHydration } from '../helpers';
import { nonce } from './api';

// The whole conversation through the UI, in both projects (with and without JavaScript): a customer files a
// request with a screenshot in the portal; an agent finds it in the queue, answers and adds an internal note;
// the customer sees the answer and the screenshot, and never the note.

// A 1x1 transparent PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

test('a request with an attachment is answered, and the customer never sees the internal note', async ({ browser }) => {
  // Two people, eight page loads: more than the default 30 s on a busy machine.
  test.slow();
  const word = nonce();
  const subject = `Cannot open course ${word}`;
  const answer = `Please clear your cache ${word}`;
  const note = `Internal: checked the logs ${word}`;

  // The customer files the request.
  const customerContext = await browser.newContext();
  const customer = await customerContext.newPage();
  const carla = account('customer');
  await login(customer, carla.email, carla.password);
  await customer.goto('/portal');
  await expectHeading(customer, 'My requests');
  await customer.getByRole('link', { name: 'New request' }).click();
  await expectPath(customer, '/portal/new');
  await waitForHydration(customer);
  await customer.locator('#ticket-type').selectOption('problem');
  await customer.locator('#ticket-category').selectOption('Courses/Access');
  await customer.locator('#ticket-subject').fill(subject);
  await customer.locator('#ticket-body').fill('The course page stays blank.');
  await customer.locator('#ticket-files').setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: PNG });
  await customer.getByRole('button', { name: 'Submit request' }).click();
  await expect.poll(() => pathOf(customer)).toMatch(/^\/portal\/tickets\/[^/]+$/);
  await expectHeading(customer, subject);
  await expect(customer.getByRole('status')).toContainText('Your request was sent.');
  await expect(customer.getByRole('link', { name: /screenshot\.png/ })).toBeVisible();
  const ticketPath = pathOf(customer);

  // The agent finds it in the queue, answers, and adds an internal note.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  const smith = account('agent');
  await login(agent, smith.email, smith.password);
  await agent.goto('/agent/tickets');
  await agent.locator('#filter-q').fill(word);
  await agent.getByRole('button', { name: 'Apply filters' }).click();
  await agent.getByRole('link', { name: subject }).click();
  await expectHeading(agent, subject);
  await waitForHydration(agent);
  await expect(agent.locator('#thread')).toContainText('The course page stays blank.');
  await expect(agent.locator('#thread img[alt="screenshot.png"]')).toBeVisible();
  await agent.locator('#agent-reply-body').fill(answer);
  await agent.locator('#send-reply').click();
  await expect(agent.getByRole('status')).toHaveText('Reply sent.');
  await expect(agent.locator('#thread')).toContainText(answer);

  await agent.locator('#mode-note').check();
  await agent.locator('#agent-reply-body').fill(note);
  await agent.locator('#send-reply').click();
  await expect(agent.getByRole('status')).toHaveText('Internal note added.');
  const noteBubble = agent.locator('#thread article[data-internal="true"]');
  await expect(noteBubble).toContainText(note);
  await expect(noteBubble).toContainText('Internal note');

  // The customer sees the answer and their screenshot, not the note.
  await customer.goto(ticketPath);
  await expect(customer.locator('#thread')).toContainText(answer);
  await expect(customer.getByRole('link', { name: /screenshot\.png/ })).toBeVisible();
  await expect(customer.locator('body')).not.toContainText(note);
  const html = await customer.content();
  expect(html).not.toContain(note);
  await expect(customer.locator('#ticket-status')).toContainText('Open');

  await customerContext.close();
  await agentContext.close();
});

test('a refused request comes back with the error next to the field and the text kept', async ({ page }) => {
  const carla = account('customer');
  await login(page, carla.email, carla.password);
  await page.goto('/portal/new');
  await waitForHydration(page);
  await page.locator('#ticket-body').fill('No subject given');
  await page.getByRole('button', { name: 'Submit request' }).click();
  await expect(page.locator('#ticket-subject-error')).toHaveText('This field is required.');
  await expect(page.locator('#ticket-subject')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#ticket-body')).toHaveValue('No subject given');
});

test('quick issues prefill the request form', async ({ page }) => {
  const carla = account('customer');
  await login(page, carla.email, carla.password);
  await page.goto('/portal/new');
  await page.getByRole('link', { name: 'Invoice question' }).click();
  await expect(page.locator('#ticket-subject')).toHaveValue('Question about an invoice');
  await expect(page.locator('#ticket-category')).toHaveValue('Billing/Invoices');
  await expect(page.locator('#ticket-type')).toHaveValue('question');
});

test('another customer\'s ticket is "Page not found" with HTTP 404', async ({ page }) => {
  const carla = account('customer');
  await login(page, carla.email, carla.password);
  const response = await page.goto('/portal/tickets/not-a-ticket-of-yours');
  expect(response?.status()).toBe(404);
  await expectHeading(page, 'Page not found');
});
