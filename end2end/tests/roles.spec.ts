import { expect, test } from '@playwright/test';
import { HOME, account, expectHeading, expectPath, login, loginAs, logout, pathOf, submitLogin, type Role } from './helpers';

// Signing in, role homes, access control and signing out (docs/ui-contract.md: /login, role homes, redirects).

const ROLES: Role[] = ['admin', 'agent', 'supervisor', 'customer'];

for (const role of ROLES) {
  test(`${role} signs in through the form and lands on ${HOME[role].path}`, async ({ page }) => {
    const who = account(role);
    await login(page, who.email, who.password);
    await expectPath(page, HOME[role].path);
    await expectHeading(page, HOME[role].heading);
    // Signed in: the header offers "Sign out" instead of "Sign in".
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });
}

test('a customer opening /admin sees "No access" with HTTP 403', async ({ page }) => {
  await loginAs(page, 'customer');
  const response = await page.goto('/admin');
  expect(response?.status()).toBe(403);
  await expectHeading(page, 'No access');
  await expect(page.locator('a[href="/portal"]').first()).toBeVisible();
});

test('a signed-out visitor opening /agent is sent to /login?next=/agent', async ({ page }) => {
  await page.goto('/agent');
  await expectPath(page, '/login');
  expect(new URL(page.url()).searchParams.get('next')).toBe('/agent');
  await expectHeading(page, 'Sign in');
});

test('a wrong password shows the error under the password field and stays on /login', async ({ page }) => {
  const agent = account('agent');
  await submitLogin(page, agent.email, `${agent.password}-wrong`);
  await expect(page.locator('#password-error')).toHaveText('Email or password is incorrect.');
  expect(pathOf(page)).toBe('/login');
  await expect(page.locator('#password')).toHaveAttribute('aria-invalid', 'true');
  // The email is kept so the person only retypes the password.
  await expect(page.locator('#email')).toHaveValue(agent.email);
});

test('signing out returns to /login and ends the session', async ({ page }) => {
  await loginAs(page, 'agent');
  await logout(page);
  await page.goto('/agent');
  await expectPath(page, '/login');
  await expectHeading(page, 'Sign in');
});
