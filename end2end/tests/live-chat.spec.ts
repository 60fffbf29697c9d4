import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Browser, type FrameLocator, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { account, login } from './helpers';
import { nonce, waitUntilLive } from './tickets/api';

// Live chat end to end: a shop on another origin embeds the widget with one script tag; a visitor chats; the
// agent, in a second browser context, sees the chat arrive in /agent/chats without reloading, accepts it and
// replies. Both sides see each other's messages and typing live over the websocket.

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

let shop: Server;
let shopURL = '';

/** A tiny web shop on its own port (another origin) whose page embeds the widget, as a customer's site would. */
test.beforeAll(async () => {
  shop = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lernshop</title>
<style>button { background: hotpink !important; } iframe { display: none !important; }</style></head>
<body><main><h1>Lernshop</h1><p>Courses for every age.</p></main>
<script src="${baseURL}/widget.js" data-brand="default" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopURL = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/`;
});

test.afterAll(async () => {
  await new Promise((resolve) => shop.close(resolve));
});

async function agentPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const smith = account('agent');
  await login(page, smith.email, smith.password);
  return page;
}

/** The agent goes online for chat on /agent/chats (the widget offers chat only while someone is). */
async function goOnline(agent: Page): Promise<void> {
  await agent.goto('/agent/chats');
  await waitUntilLive(agent);
  await agent.locator('#availability').selectOption('online');
  await agent.locator('#max-chats').fill('5');
  await agent.locator('#save-availability').click();
  await expect(agent.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(agent.locator('#live-status')).toHaveAttribute('data-connected', 'true');
}

async function openWidget(visitor: Page): Promise<FrameLocator> {
  await visitor.goto(shopURL);
  const launcher = visitor.locator('#tidings-launcher');
  await expect(launcher).toBeVisible();
  await launcher.click();
  await expect(launcher).toHaveAttribute('aria-expanded', 'true');
  return visitor.frameLocator('#tidings-panel iframe');
}

test('a visitor on another site chats with an agent, live both ways', async ({ browser }) => {
  test.slow();
  const agent = await agentPage(browser);
  await goOnline(agent);

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const widget = await openWidget(visitor);
  await widget.locator('#tab-chat').click();
  const first = `Hallo, mein Kurs ${nonce()} startet nicht`;
  await widget.locator('#chat-input').fill(first);
  await widget.locator('#chat-send').click();
  await expect(widget.locator('#chat-log')).toContainText(first);

  // The chat arrives in the agent's queue without a reload, with how long the visitor has waited.
  const waiting = agent.locator('#waiting-chats li').filter({ hasText: first.slice(0, 40) });
  await expect(waiting).toBeVisible();
  await expect(waiting.locator('.chat-wait')).toHaveText(/\d+ (s|min)/);
  await waiting.getByRole('button', { name: /Accept chat/ }).click();
  await expect(agent).toHaveURL(/\/agent\/tickets\/[\w-]+$/);
  await waitUntilLive(agent);
  await expect(agent.locator('#live-status')).toHaveAttribute('data-connected', 'true');
  await expect(agent.locator('main')).toContainText(first);

  // The visitor types: the agent sees it. The agent types: the visitor sees it.
  await widget.locator('#chat-input').pressSequentially('Noch eine Frage', { delay: 30 });
  await expect(agent.locator('#typing-indicator')).toContainText('is typing');
  await agent.locator('#agent-reply-body').pressSequentially('Gern, ich ', { delay: 30 });
  await expect(widget.locator('#chat-typing')).toBeVisible();

  // The agent's reply reaches the widget; the visitor's next message reaches the open ticket without a reload.
  const reply = `Gern, ich schaue nach ${nonce()}`;
  await agent.locator('#agent-reply-body').fill(reply);
  await agent.locator('#send-reply').click();
  await expect(widget.locator('#chat-log')).toContainText(reply);
  await waitUntilLive(agent);
  await expect(agent.locator('#live-status')).toHaveAttribute('data-connected', 'true');
  const second = `Danke! ${nonce()}`;
  await widget.locator('#chat-input').fill(second);
  await widget.locator('#chat-send').click();
  await expect(agent.locator('main')).toContainText(second);

  // The visitor's conversation survives a page load on the shop.
  const again = await openWidget(visitor);
  await again.locator('#tab-chat').click();
  await expect(again.locator('#chat-log')).toContainText(second);

  // Ending the chat takes it off the agent's list.
  await agent.goto('/agent/chats');
  const mine = agent.locator('#my-chats li').filter({ hasText: first.slice(0, 40) });
  await expect(mine).toBeVisible();
  await waitUntilLive(agent);
  await mine.getByRole('button', { name: 'End chat' }).click();
  await expect(mine).toHaveCount(0);

  await visitorContext.close();
  await agent.context().close();
});

test('the chat queue and the widget pass axe', async ({ browser, page }) => {
  const agent = await agentPage(browser);
  await agent.goto('/agent/chats');
  await expectNoViolations(agent, '/agent/chats');
  await agent.context().close();

  await page.goto('/widget/frame?brand=default&lang=de');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expectNoViolations(page, '/widget/frame');
});
