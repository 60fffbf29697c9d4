import { expect, test, type Page } from '@playwright/test';
import { expectNoViolations } from './axe';
import { expectHeading, loginAs, pathOf, waitForHydration } from './helpers';

// The knowledge-base editor at /admin/kb (issue 5): an admin writes a German article with a live preview,
// publishes it, saves a second version, reads the diff and restores version 1; an agent writes a draft and sends
// it for review but is offered no Publish button. One admin article's life in order, so the steps run serially.
test.describe.configure({ mode: 'serial' });

const nonce = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const TITLE = `Passwort zurücksetzen ${nonce}`;
const BODY_V1 = `## Schritt eins ${nonce}\n\nÖffnen Sie die Anmeldeseite und klicken Sie auf „Passwort vergessen“.`;
const ADDED_LINE = `Neu in Version zwei: Prüfen Sie auch den Spam-Ordner ${nonce}.`;

let adminPage: Page;
let articlePath = '';
const pageErrors: string[] = [];

/** The editor of an existing article: /admin/kb/<id>. */
async function expectEditorPath(page: Page): Promise<string> {
  const saved = () => {
    const path = pathOf(page);
    return path === '/admin/kb/new' ? '' : path;
  };
  await expect.poll(saved, { message: 'the editor of the saved article' }).toMatch(/^\/admin\/kb\/[^/]+$/);
  return saved();
}

function statusBadge(page: Page) {
  return page.locator('#kb-details [data-article-status]');
}

test.beforeAll(async ({ browser }) => {
  // A page of its own context: axe needs one made by browser.newContext().
  const context = await browser.newContext();
  adminPage = await context.newPage();
  // A hydration error would leave the editor dead while the server-rendered page still looks right.
  adminPage.on('pageerror', (error) => pageErrors.push(error.message));
  await loginAs(adminPage, 'admin');
});

test.afterEach(() => {
  expect(pageErrors, 'errors thrown in the browser').toEqual([]);
});

test.afterAll(async () => {
  await adminPage?.context().close();
});

test('admin writes a German article and sees the live preview follow the text', async () => {
  const page = adminPage;
  await page.goto('/admin/kb');
  await expectHeading(page, 'Knowledge base');
  await page.locator('#kb-new-article').click();
  await expectHeading(page, 'New article');
  await waitForHydration(page);

  await page.locator('#kb-title').fill(TITLE);
  await page.locator('#kb-lang').selectOption('de');
  await page.locator('#kb-tags').fill('konto, passwort');
  await page.locator('#kb-body').fill(BODY_V1);
  // The server renders the markdown: the heading appears as an h2 in the preview.
  await expect(page.locator('#kb-preview h2')).toHaveText(`Schritt eins ${nonce}`);
  await page.locator('#kb-body').fill(`${BODY_V1}\n\n### Zweiter Schritt`);
  await expect(page.locator('#kb-preview h3')).toHaveText('Zweiter Schritt');
  await page.locator('#kb-body').fill(BODY_V1);
  await expect(page.locator('#kb-preview h3')).toHaveCount(0);

  await page.locator('#kb-save').click();
  articlePath = await expectEditorPath(page);
  await expect(page.getByRole('status').filter({ hasText: 'Article created as a draft.' })).toBeVisible();
  await expectHeading(page, TITLE);
  await expect(statusBadge(page)).toHaveText('Draft');
  await expect(page.getByTestId('kb-version')).toHaveText('1');
  await expect(page.locator('#kb-lang')).toHaveValue('de');
  await expect(page.locator('#kb-lang')).toBeDisabled();
  // Before any typing the preview shows the saved body.
  await expect(page.locator('#kb-preview h2')).toHaveText(`Schritt eins ${nonce}`);
});

test('admin publishes the article and can open it in the help center', async () => {
  const page = adminPage;
  await page.goto(articlePath);
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status changed to Published.' })).toBeVisible();
  await expect(statusBadge(page)).toHaveText('Published');
  await expect(page.getByRole('button', { name: 'Unpublish' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Archive' })).toBeVisible();
  const helpLink = page.locator('#kb-view-in-help-center');
  await expect(helpLink).toHaveAttribute('href', /^\/help\/de\/articles\/passwort-zuruecksetzen-/);
  // Still published after a full server render.
  await page.reload();
  await expect(statusBadge(page)).toHaveText('Published');
});

test('admin saves a second version; a stale editor gets a clear version conflict', async ({ browser, baseURL }) => {
  const page = adminPage;
  await page.goto(articlePath);
  await waitForHydration(page);

  // A second editor opened on version 1 before the save below.
  const staleContext = await browser.newContext({ baseURL, storageState: await page.context().storageState() });
  const stale = await staleContext.newPage();
  await stale.goto(articlePath);
  await waitForHydration(stale);

  await page.locator('#kb-body').fill(`${BODY_V1}\n\n${ADDED_LINE}`);
  await page.locator('#kb-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as version 2.' })).toBeVisible();
  await expect(page.getByTestId('kb-version')).toHaveText('2');

  await stale.locator('#kb-title').fill(`${TITLE} (stale)`);
  await stale.locator('#kb-save').click();
  const conflict = stale.locator('#kb-form-error');
  await expect(conflict).toHaveAttribute('role', 'alert');
  await expect(conflict).toContainText('Version conflict');
  // Nothing typed is lost.
  await expect(stale.locator('#kb-title')).toHaveValue(`${TITLE} (stale)`);
  await staleContext.close();
});

test('admin reads the diff of version 2 and restores version 1', async () => {
  const page = adminPage;
  await page.goto(articlePath);
  await waitForHydration(page);
  const history = page.locator('#kb-history');
  await expect(history.getByRole('heading', { name: 'Version history' })).toBeVisible();
  await expect(history.locator('[data-version]')).toHaveCount(2);
  // Newest first.
  await expect(history.locator('[data-version]').first()).toHaveAttribute('data-version', '2');

  await history.getByRole('link', { name: 'Show changes Version 2' }).click();
  await expect(page.locator('#kb-diff-heading')).toHaveText('Changes in version 2');
  // The body's new line (the generated excerpt may change with it).
  const added = page.locator('#kb-diff [data-diff="added"]').filter({ hasText: ADDED_LINE });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText(ADDED_LINE);
  await expect(added).toContainText('+');
  await expect(added.locator('.sr-only')).toHaveText(/Added:/);
  await expect(page.locator('#kb-diff [data-diff="same"]').first()).toBeVisible();
  // The newest version cannot be restored onto itself.
  await expect(page.getByRole('button', { name: 'Restore this version' })).toHaveCount(0);

  await history.getByRole('link', { name: 'Show changes Version 1' }).click();
  await expect(page.locator('#kb-diff-heading')).toHaveText('Changes in version 1');
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored as version 3.' })).toBeVisible();
  await expect(page.getByTestId('kb-version')).toHaveText('3');
  await expect(page.locator('#kb-body')).toHaveValue(BODY_V1);
  await page.reload();
  await expect(page.locator('#kb-body')).toHaveValue(BODY_V1);
  await expect(page.locator('#kb-preview')).not.toContainText(ADDED_LINE);
});

test('the list shows the article with its language, status and version, and filters by status', async () => {
  const page = adminPage;
  await page.goto(`/admin/kb?status=published&q=${encodeURIComponent(nonce)}`);
  const row = page.locator('#kb-article-table tbody tr').filter({ hasText: TITLE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('German');
  await expect(row).toContainText('Published');
  await expect(row.locator('td').nth(4)).toHaveText('3');
  await page.goto(`/admin/kb?status=draft&q=${encodeURIComponent(nonce)}`);
  await expect(page.locator('#kb-article-table tbody tr').filter({ hasText: TITLE })).toHaveCount(0);
});

test('an agent saves a draft and sends it for review, but is offered no Publish button', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await loginAs(page, 'agent');
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('link', { name: 'Knowledge base' }).click();
  await expectHeading(page, 'Knowledge base');
  await page.goto('/admin/kb/new');
  await waitForHydration(page);
  await page.locator('#kb-title').fill(`Agent draft ${nonce}`);
  await page.locator('#kb-lang').selectOption('en');
  await page.locator('#kb-body').fill('## How to export\n\nOpen **Settings**.');
  await expect(page.locator('#kb-preview strong')).toHaveText('Settings');
  await page.locator('#kb-save').click();
  await expectEditorPath(page);
  await expect(statusBadge(page)).toHaveText('Draft');
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: 'Send for review' }).click();
  await expect(statusBadge(page)).toHaveText('In review');
  await expect(page.getByRole('button', { name: 'Back to draft' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Archive' })).toHaveCount(0);
  await context.close();
});

test('a refused save shows its error next to the field', async () => {
  const page = adminPage;
  await page.goto('/admin/kb/new');
  await waitForHydration(page);
  await page.locator('#kb-title').fill(`Bad slug ${nonce}`);
  await page.locator('#kb-slug').fill('Not A Slug!');
  await page.locator('#kb-body').fill('Text.');
  await page.locator('#kb-save').click();
  await expect(page.locator('#kb-slug-error')).toBeVisible();
  await expect(page.locator('#kb-slug')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#kb-slug')).toHaveAttribute('aria-describedby', /kb-slug-error/);
  expect(pathOf(page)).toBe('/admin/kb/new');
});

test('the list, editor and categories pages have no axe violations', async () => {
  const page = adminPage;
  await page.goto('/admin/kb');
  await expectNoViolations(page, '/admin/kb');
  await page.goto(`${articlePath}?version=2`);
  await expect(page.locator('#kb-diff')).toBeVisible();
  await expectNoViolations(page, `${articlePath}?version=2`);
  await page.goto('/admin/kb/new');
  await expectNoViolations(page, '/admin/kb/new');
  await page.goto('/admin/kb/categories');
  await expectNoViolations(page, '/admin/kb/categories');
});
