import { test } from '@playwright/test';
import { expectNoViolations } from './axe';
import { expectHeading, loginAs, type Role } from './helpers';

// axe-core's default rule set (WCAG 2.x A/AA and best practices) on each page; any violation fails the test and is
// listed one line per rule with the offending elements.

const PUBLIC_PAGES: Array<{ path: string; heading: string }> = [
  { path: '/login', heading: 'Sign in' },
  { path: '/register', heading: 'Create your account' },
  { path: '/help', heading: 'Help center' },
];

for (const { path, heading } of PUBLIC_PAGES) {
  test(`${path} has no axe violations`, async ({ page }) => {
    await page.goto(path);
    await expectHeading(page, heading);
    await expectNoViolations(page, path);
  });
}

const SIGNED_IN_PAGES: Array<{ role: Role; pages: Array<{ path: string; heading: string }> }> = [
  { role: 'customer', pages: [{ path: '/portal', heading: 'My requests' }] },
  {
    role: 'admin',
    pages: [
      { path: '/admin', heading: 'Users' },
      { path: '/admin/teams', heading: 'Teams' },
      { path: '/admin/sla', heading: 'Service levels' },
    ],
  },
  { role: 'supervisor', pages: [{ path: '/supervisor/routing', heading: 'Routing' }] },
  { role: 'agent', pages: [{ path: '/agent', heading: 'Inbox' }] },
];

for (const { role, pages } of SIGNED_IN_PAGES) {
  test(`${pages.map((p) => p.path).join(', ')} as ${role} have no axe violations`, async ({ page }) => {
    await loginAs(page, role);
    for (const { path, heading } of pages) {
      await page.goto(path);
      await expectHeading(page, heading);
      await expectNoViolations(page, path);
    }
  });
}
