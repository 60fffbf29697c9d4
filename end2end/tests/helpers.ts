import { expect, test, type Page } from '@playwright/test';

// Shared helpers for the browser tests. The pages they drive are described in docs/ui-contract.md.

export type Role = 'admin' | 'supervisor' | 'agent' | 'customer';

export interface Account {
  role: Role;
  email: string;
  password: string;
}

function need(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests through scripts/test.sh, which creates the users`);
  }
  return value;
}

/** The accounts scripts/test.sh created before starting the server (read lazily, so a missing one names itself). */
export function account(role: Role): Account {
  const prefix = role.toUpperCase();
  return { role, email: need(`${prefix}_EMAIL`), password: need(`${prefix}_PASSWORD`) };
}

/** Where each role lands after signing in, and the h1 it sees there (English). */
export const HOME: Record<Role, { path: string; heading: string }> = {
  admin: { path: '/admin', heading: 'Users' },
  supervisor: { path: '/agent', heading: 'Inbox' },
  agent: { path: '/agent', heading: 'Inbox' },
  customer: { path: '/portal', heading: 'My requests' },
};

/** A fresh address per run and per call, so tests can be rerun against the same database. */
export function uniqueEmail(tag: string): string {
  const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return `${tag}-${nonce}@example.com`;
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** Waits until the page's path is `path` (redirects and client-side navigation included). */
export async function expectPath(page: Page, path: string): Promise<void> {
  await expect.poll(() => pathOf(page), { message: `expected to be on ${path}` }).toBe(path);
}

export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text);
}

/** The sign-in form on /login (not the header's "Sign in" link). */
export function loginForm(page: Page) {
  return page.locator('form[action="/auth/login"]');
}

/**
 * Waits until the page is interactive. With JavaScript on, the app marks `<html data-hydrated>` once hydrate() has
 * run (asked of frontend/src/lib.rs); without that mark this falls back, after 5 s, to the network going idle (the
 * wasm loaded). Neither wait fails the test by itself: the assertions that follow do.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  if (test.info().project.use.javaScriptEnabled === false) return;
  const marked = await page
    .waitForFunction(() => document.documentElement.hasAttribute('data-hydrated'), null, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
  if (!marked) {
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  }
}

/** Opens /login and submits the form; does not check where it lands. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  const form = loginForm(page);
  await form.locator('#email').fill(email);
  await form.locator('#password').fill(password);
  await form.getByRole('button').first().click();
}

/** Signs in through the /login form and waits until the browser has left /login. */
export async function login(page: Page, email: string, password: string): Promise<void> {
  await submitLogin(page, email, password);
  await expect
    .poll(() => pathOf(page), { message: `sign-in as ${email} should leave /login` })
    .not.toBe('/login');
  await page.waitForLoadState('load');
}

export async function loginAs(page: Page, role: Role): Promise<Account> {
  const who = account(role);
  await login(page, who.email, who.password);
  await expectPath(page, HOME[role].path);
  return who;
}

/** Clicks the header's "Sign out" button and waits for /login. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expectPath(page, '/login');
}
