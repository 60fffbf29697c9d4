import { expect, test, type Page } from '@playwright/test';
import { expectHeading, expectPath, login, loginAs, pathOf, submitLogin, uniqueEmail, waitForHydration } from './helpers';

// User administration on /admin (docs/ui-contract.md). One user's life in order: created, signs in, role changed,
// deactivated and then refused; the steps share that user, so they run serially.
test.describe.configure({ mode: 'serial' });

const TRICKY_NAME = `O'Brien "Bob" 🚀 <b>x</b>`;

interface NewUser {
  name: string;
  email: string;
  role: 'customer' | 'agent' | 'supervisor' | 'admin';
  password: string;
}

async function openAdmin(page: Page): Promise<void> {
  if (pathOf(page) !== '/admin') {
    await page.goto('/admin');
  }
  await expectHeading(page, 'Users');
  await waitForHydration(page);
}

async function fillNewUser(page: Page, user: NewUser): Promise<void> {
  await page.locator('#new-name').fill(user.name);
  await page.locator('#new-email').fill(user.email);
  await page.locator('#new-role').selectOption(user.role);
  await page.locator('#new-password').fill(user.password);
  await page.getByRole('button', { name: 'Create user' }).click();
}

function userRow(page: Page, email: string) {
  return page.getByRole('row').filter({ hasText: email });
}

const agentUser: NewUser = {
  name: 'Nora New-Agent',
  email: uniqueEmail('new-agent'),
  role: 'agent',
  password: 'correct horse battery staple 42',
};

let adminPage: Page;

test.beforeAll(async ({ browser }) => {
  adminPage = await browser.newPage();
  await loginAs(adminPage, 'admin');
});

test.afterAll(async () => {
  await adminPage?.context().close();
});

test('admin creates an agent through the New user form', async () => {
  const page = adminPage;
  await openAdmin(page);
  await fillNewUser(page, agentUser);
  await expect(page.getByRole('status').filter({ hasText: 'User created.' })).toBeVisible();
  const row = userRow(page, agentUser.email);
  await expect(row).toBeVisible();
  await expect(row).toContainText(agentUser.name);
  await expect(row).toContainText('Active');
  // Still there after a full server render.
  await page.reload();
  await expect(userRow(page, agentUser.email)).toBeVisible();
});

test('a duplicate email is refused next to the email field', async () => {
  const page = adminPage;
  await openAdmin(page);
  await fillNewUser(page, { ...agentUser, name: 'Someone Else' });
  const error = page.locator('#new-email-error');
  await expect(error).toBeVisible();
  await expect(error).not.toHaveText('');
  await expect(page.locator('#new-email')).toHaveAttribute('aria-invalid', 'true');
  await expect(userRow(page, agentUser.email)).toHaveCount(1);
});

test('the new agent signs in and lands on /agent', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await login(page, agentUser.email, agentUser.password);
  await expectPath(page, '/agent');
  await expectHeading(page, 'Inbox');
  await context.close();
});

test('admin changes the role with the "Role for <email>" select', async () => {
  const page = adminPage;
  await openAdmin(page);
  const select = page.getByLabel(`Role for ${agentUser.email}`, { exact: true });
  await expect(select).toHaveValue('agent');
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.status() < 400);
  await select.selectOption('supervisor');
  await saved;
  await page.reload();
  await expect(page.getByLabel(`Role for ${agentUser.email}`, { exact: true })).toHaveValue('supervisor');
});

test('admin deactivates the user, who can then no longer sign in', async ({ browser, baseURL }) => {
  const page = adminPage;
  await openAdmin(page);
  await page.getByRole('button', { name: `Deactivate ${agentUser.email}`, exact: true }).click();
  await expect(userRow(page, agentUser.email)).toContainText('Deactivated');
  await page.reload();
  await expect(userRow(page, agentUser.email)).toContainText('Deactivated');
  await expect(page.getByRole('button', { name: `Reactivate ${agentUser.email}` })).toBeVisible();

  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  await submitLogin(other, agentUser.email, agentUser.password);
  await expect(other.locator('#password-error')).toBeVisible();
  expect(pathOf(other)).toBe('/login');
  await context.close();
});

test('names with quotes, emoji and markup appear verbatim as text', async () => {
  const page = adminPage;
  await openAdmin(page);
  const user: NewUser = { name: TRICKY_NAME, email: uniqueEmail('tricky'), role: 'customer', password: 'another long passphrase 7' };
  await fillNewUser(page, user);
  await expect(page.getByRole('status').filter({ hasText: 'User created.' })).toBeVisible();
  for (const pass of ['after create', 'after reload']) {
    const row = userRow(page, user.email);
    await expect(row, pass).toContainText(TRICKY_NAME);
    await expect(row.getByRole('cell', { name: TRICKY_NAME, exact: true }), pass).toHaveCount(1);
    // The markup in the name is text, not an element.
    await expect(row.locator('b'), pass).toHaveCount(0);
    if (pass === 'after create') {
      await page.reload();
      await expectHeading(page, 'Users');
    }
  }
});
