import { expect, test } from '@playwright/test';
import { account, expectHeading, login } from '../helpers';
import { apiAs, customerTicket, jsEnabled, nonce, ticketAs, waitUntilLive } from './api';
import { apiAs as kbApiAs, publishArticle } from '../kb-api';

// The ticket workspace's side panel and tools, with and without JavaScript: properties, canned responses,
// merge and split.

test.beforeEach(async ({ page }) => {
  test.slow(); // several page loads each, and the debug wasm is large
  const smith = account('agent');
  await login(page, smith.email, smith.password);
});

test('properties save: on change with JavaScript, with the Save button without', async ({ page }) => {
  const ticket = await customerTicket(`Properties ${nonce()}`);
  await page.goto(`/agent/tickets/${ticket.id}`);
  await waitUntilLive(page);
  await page.locator('#prop-priority').selectOption('high');
  if (!jsEnabled()) {
    await page.locator('#properties-save').click();
  }
  await expect(page.getByRole('status')).toHaveText('Changes saved.');
  await expect(page.locator('#activity-timeline')).toContainText('changed the priority from Normal to High');
  expect((await ticketAs('agent', ticket.id)).priority).toBe('high');
  await page.reload();
  await expect(page.locator('#prop-priority')).toHaveValue('high');

  await waitUntilLive(page);
  await page.locator('#prop-type').selectOption('problem');
  if (!jsEnabled()) {
    await page.locator('#properties-save').click();
  }
  await expect(page.locator('#activity-timeline')).toContainText('set the type to Problem');
  expect((await ticketAs('agent', ticket.id)).type).toBe('problem');
});

test('a canned response is inserted with its placeholders filled', async ({ page }) => {
  const word = nonce();
  const ticket = await customerTicket(`Canned ${word}`);
  const staff = await apiAs('agent');
  const created = await staff.post('/api/v1/canned-responses', {
    data: { title: `Greeting ${word}`, body: 'Hello {{customer.name}}, this is {{agent.name}}.', shared: false },
  });
  expect(created.status(), await created.text()).toBe(201);
  await staff.dispose();

  await page.goto(`/agent/tickets/${ticket.id}`);
  await waitUntilLive(page);
  const body = page.locator('#agent-reply-body');
  await body.fill('Hi!');
  if (jsEnabled()) {
    await page.locator('#canned-search').fill(word);
    await page.getByRole('button', { name: `Greeting ${word}` }).click();
  } else {
    await page.locator('#canned-select').selectOption({ label: `Greeting ${word}` });
    await page.locator('#canned-insert').click();
  }
  await expect(body).toHaveValue(/Hello Carla Customer, this is Agent Smith\./);
  await expect(body).toHaveValue(/^Hi!/);
});

test('merging by number moves the thread; splitting moves ticked messages to a new ticket', async ({ page }) => {
  const word = nonce();
  const target = await customerTicket(`Merge target ${word}`, `First question ${word}`);
  const duplicate = await customerTicket(`Merge duplicate ${word}`, `Same again ${word}`);

  await page.goto(`/agent/tickets/${duplicate.id}`);
  await page.locator('#merge-into').fill(`#${target.number}`);
  await page.locator('#merge-button').click();
  await expectHeading(page, target.subject);
  await expect(page.getByRole('status')).toHaveText('Tickets merged.');
  await expect(page.locator('#thread')).toContainText(`Same again ${word}`);

  await waitUntilLive(page);
  const moved = page.locator('#thread article', { hasText: `Same again ${word}` });
  await moved.getByRole('checkbox', { name: 'Select' }).check();
  await page.locator('#split-subject').fill(`Split off ${word}`);
  await page.locator('#split-button').click();
  await expectHeading(page, `Split off ${word}`);
  await expect(page.getByRole('status')).toHaveText('New ticket created from the selected messages.');
  await expect(page.locator('#thread')).toContainText(`Same again ${word}`);
  await expect(page.locator('#split-from')).toContainText(`#${target.number}`);
});

test('help-center articles matching the ticket are suggested, and one click puts the link into the reply', async ({ page }) => {
  const word = nonce();
  const admin = await kbApiAs('admin');
  const article = await publishArticle(admin, {
    lang: 'en',
    title: `Download the certificate ${word}`,
    body: `Open *My courses* and choose **Certificate** to download it (${word}).`,
  });
  await admin.dispose();
  const ticket = await customerTicket(`Certificate ${word} download`, `Where do I download my certificate ${word}?`);

  await page.goto(`/agent/tickets/${ticket.id}`);
  await waitUntilLive(page);
  const panel = page.locator('#article-suggestions');
  const link = panel.getByRole('link', { name: article.title });
  await expect(link).toHaveAttribute('href', `/help/en/articles/${article.slug}`);
  if (jsEnabled()) {
    const body = page.locator('#agent-reply-body');
    await body.fill('Hello, ');
    await panel.getByRole('button', { name: new RegExp(`Insert link.*${word}`) }).click();
    await expect(body).toHaveValue(new RegExp(`^Hello, ${article.title}: http.*/help/en/articles/${article.slug}`));
  }
});
