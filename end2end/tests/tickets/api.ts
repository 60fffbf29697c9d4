import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { account, type Role } from '../helpers';

// Test data through the REST API (docs: shared/API.md), so each spec starts from tickets it made itself.

/** A short nonce: words made of it are unique per run and per call, and the search finds them. */
export function nonce(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

/** An API client signed in as the role's test account (session cookie from POST /api/v1/auth/login). */
export async function apiAs(role: Role): Promise<APIRequestContext> {
  const who = account(role);
  const api = await request.newContext({ baseURL: test.info().project.use.baseURL });
  const response = await api.post('/api/v1/auth/login', { data: { email: who.email, password: who.password } });
  expect(response.status(), `API sign-in as ${role}`).toBe(200);
  return api;
}

export interface TicketJson {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  type: string | null;
  assignee: { id: string; name: string } | null;
}

/** A ticket the test customer files. */
export async function customerTicket(subject: string, body = `${subject}: details`): Promise<TicketJson> {
  const api = await apiAs('customer');
  const response = await api.post('/api/v1/tickets', { data: { subject, body } });
  expect(response.status(), await response.text()).toBe(201);
  const ticket = (await response.json()) as TicketJson;
  await api.dispose();
  return ticket;
}

export async function ticketAs(role: Role, id: string): Promise<TicketJson & { messages: Array<{ body: string; internal: boolean }> }> {
  const api = await apiAs(role);
  const response = await api.get(`/api/v1/tickets/${id}`);
  expect(response.status()).toBe(200);
  const ticket = await response.json();
  await api.dispose();
  return ticket;
}

/** Whether this run has JavaScript (the js-on project) or not (js-off). */
export function jsEnabled(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/**
 * With JavaScript, waits until the app has hydrated (`<html data-hydrated>`), however long the wasm takes on a
 * busy machine; a JS-only control used before that would do nothing. Without JavaScript there is nothing to wait for.
 */
export async function waitUntilLive(page: Page): Promise<void> {
  if (!jsEnabled()) return;
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 30_000 });
}
