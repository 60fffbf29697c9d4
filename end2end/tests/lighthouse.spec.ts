import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, nonce, publishArticle } from './kb-api';

// Lighthouse (npm, driving Debian's Chromium) on a help-center article page: accessibility and SEO must both
// score at least 95.

const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('the help-center article page scores >= 95 for accessibility and SEO', async () => {
  test.skip(test.info().project.name !== 'js-on', 'one run is enough');
  test.setTimeout(120_000);
  const admin = await apiAs('admin');
  const run = nonce();
  const english = await publishArticle(admin, {
    lang: 'en',
    title: `Download your certificate ${run}`,
    body: '## Where to find it\n\nOpen **My courses** and choose the course.\n\n## As a PDF\n\nSelect *Download*.',
    tags: ['certificate'],
  });
  await publishArticle(admin, {
    lang: 'de',
    title: `Zertifikat herunterladen ${run}`,
    body: '## Wo Sie es finden\n\nÖffnen Sie **Meine Kurse**.',
    translation_of: english.id,
  });
  await admin.dispose();

  const out = mkdtempSync(join(tmpdir(), 'tidings-lighthouse-'));
  try {
    const report = join(out, 'report.json');
    execFileSync(
      join(__dirname, '..', 'node_modules', '.bin', 'lighthouse'),
      [
        `${baseURL}/help/en/articles/${english.slug}`,
        '--only-categories=accessibility,seo',
        '--output=json',
        `--output-path=${report}`,
        '--quiet',
        `--chrome-path=${chromium}`,
        '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
      ],
      { env: { ...process.env, CHROME_PATH: chromium }, stdio: ['ignore', 'inherit', 'inherit'], timeout: 100_000 },
    );
    const result = JSON.parse(readFileSync(report, 'utf8'));
    const failing = Object.values(result.audits as Record<string, { id: string; score: number | null; title: string }>)
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id}: ${audit.title}`);
    const scores = {
      accessibility: Math.round(result.categories.accessibility.score * 100),
      seo: Math.round(result.categories.seo.score * 100),
    };
    console.log(`lighthouse on /help/en/articles/${english.slug}: ${JSON.stringify(scores)}; below 1: ${failing.join('; ')}`);
    expect(scores.accessibility, failing.join('\n')).toBeGreaterThanOrEqual(95);
    expect(scores.seo, failing.join('\n')).toBeGreaterThanOrEqual(95);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
