import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiAs, nonce, publishArticle } from './kb-api';

// Every payload of tests/corpus/xss/payloads.txt is published as an article body and opened in Chromium's help
// center; nothing may run: no dialog, no call to alert/confirm/prompt, no script-set marker, no navigation.

const payloads = readFileSync(join(__dirname, '..', '..', 'tests', 'corpus', 'xss', 'payloads.txt'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'));

test('no XSS payload runs in a published article', async ({ browser }) => {
  test.setTimeout(180_000);
  expect(payloads.length).toBeGreaterThanOrEqual(40);
  const admin = await apiAs('admin');
  const run = nonce();
  const slugs: string[] = [];
  // Ten payloads per article, each under its own heading, so a payload that breaks its neighbours still renders.
  for (let start = 0; start < payloads.length; start += 10) {
    const body = payloads
      .slice(start, start + 10)
      .map((payload, i) => `## Payload ${start + i + 1}\n\n${payload}\n`)
      .join('\n');
    const article = await publishArticle(admin, { lang: 'en', title: `XSS corpus ${run} ${start / 10 + 1}`, body });
    slugs.push(article.slug);
  }

  const context = await browser.newContext();
  await context.addInitScript(() => {
    const ran: string[] = [];
    (window as unknown as { __xssRan: string[] }).__xssRan = ran;
    for (const name of ['alert', 'confirm', 'prompt', 'print'] as const) {
      (window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        ran.push(`${name}(${args.join(',')})`);
      };
    }
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  for (const slug of slugs) {
    const path = `/help/en/articles/${slug}`;
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await page.waitForLoadState('load');
    // The payloads are on the page (each under its heading), so the checks below look at rendered markup.
    await expect(page.locator('.help-article-body h2').first()).toHaveText(/^Payload \d+$/);
    // Give timers, onload/onerror handlers and autofocus a moment to fire.
    await page.waitForTimeout(300);
    // Hover and focus everything the body holds, for handlers that need a user.
    for (const element of await page.locator('.help-article-body a, .help-article-body img, .help-article-body details, .help-article-body input').all()) {
      await element.hover({ timeout: 200, trial: false }).catch(() => undefined);
    }
    const ran = await page.evaluate(() => (window as unknown as { __xssRan: string[] }).__xssRan);
    expect(ran, `script ran on ${path}`).toEqual([]);
    expect(dialogs, `dialog on ${path}`).toEqual([]);
    expect(new URL(page.url()).pathname, 'no payload navigated away').toBe(path);
    // No executable markup survived in the article (raw HTML in markdown is shown as text, which is fine).
    const unsafe = await page.evaluate(() =>
      Array.from(document.querySelectorAll('.help-article-body *')).flatMap((element) => {
        const found: string[] = [];
        const tag = element.tagName.toLowerCase();
        if (['script', 'iframe', 'object', 'embed', 'svg', 'style', 'form', 'math'].includes(tag)) found.push(`<${tag}>`);
        for (const attribute of Array.from(element.attributes)) {
          const value = attribute.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (attribute.name.startsWith('on')) found.push(`${tag}[${attribute.name}]`);
          if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attribute.name) && /^(javascript|vbscript|data):/.test(value)) {
            found.push(`${tag}[${attribute.name}=${attribute.value}]`);
          }
        }
        return found;
      }),
    );
    expect(unsafe, `executable markup on ${path}`).toEqual([]);
  }
  await context.close();
  await admin.dispose();
});
