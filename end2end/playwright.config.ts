import { defineConfig, devices } from '@playwright/test';

// Run by scripts/test.sh, which builds the release binary, creates the users, starts the server, waits for
// /healthz and passes BASE_URL plus the credentials (ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_*, SUPERVISOR_*,
// CUSTOMER_*) in the environment. Chromium is Debian's (/usr/bin/chromium): never `npx playwright install`.
const baseURL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';

const chromium = {
  ...devices['Desktop Chrome'],
  channel: undefined,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.CI ? 1 : 2,
  reporter: 'list',
  outputDir: './test-results',
  use: {
    baseURL,
    locale: 'en-US',
    extraHTTPHeaders: { 'Accept-Language': 'en-US,en;q=0.9' },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects: [
    {
      name: 'js-on',
      testIgnore: /nojs\.spec\.ts/,
      use: { ...chromium },
    },
    {
      // The plain-HTML paths: the no-JavaScript spec, and the ticket flows and the rules page, which must work
      // either way.
      name: 'js-off',
      testMatch: [/nojs\.spec\.ts/, /tickets\/.*\.spec\.ts/, /rules\.spec\.ts/],
      use: { ...chromium, javaScriptEnabled: false },
    },
  ],
});
