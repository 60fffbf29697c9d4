import { expect, test } from '@playwright/test';
import { account, expectHeading, expectPath, login, logout, pathOf, submitLogin } from './helpers';

// Run by the js-off project (javaScriptEnabled: false): the plain HTML forms posting to /auth/login and
// /auth/logout must work without the wasm.

test('JavaScript is really off in this project', async ({ page }) => {
  expect(test.info().project.use.javaScriptEnabled).toBe(false);
  await page.goto('/login');
  await expectHeading(page, 'Sign in');
});

test('an agent signs in and out without JavaScript', async ({ page }) => {
  const agent = account('agent');
  await login(page, agent.email, agent.password);
  await expectPath(page, '/agent');
  await expectHeading(page, 'Inbox');
  await logout(page);
  await page.goto('/agent');
  await expectPath(page, '/login');
});

test('a wrong password shows the error without JavaScript', async ({ page }) => {
  const agent = account('agent');
  await submitLogin(page, agent.email, `${agent.password}-nope`);
  await expect(page.locator('#password-error')).toHaveText('Email or password is incorrect.');
  expect(pathOf(page)).toBe('/login');
  await expect(page.locator('#email')).toHaveValue(agent.email);
});

test('a signed-out visitor is redirected to /login without JavaScript', async ({ page }) => {
  await page.goto('/portal');
  await expectPath(page, '/login');
  expect(new URL(page.url()).searchParams.get('next')).toBe('/portal');
});
