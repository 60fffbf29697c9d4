import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectHeading, loginAs, waitForHydration, type Role } from './helpers';

// axe-core's default rule set (WCAG 2.x A/AA and best practices) on each page; any violation fails the test and is
// listed one line per rule with the offending elements.

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

function readable(violations: AxeViolation[]): string[] {
  return violations.map((v) => {
    const nodes = v.nodes
      .slice(0, 5)
      .map((n) => `    at ${JSON.stringify(n.target)}${n.failureSummary ? `: ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`)
      .join('\n');
    const more = v.nodes.length > 5 ? `\n    ... and ${v.nodes.length - 5} more` : '';
    return `${v.id} [${v.impact ?? 'n/a'}] ${v.help} (${v.helpUrl})\n${nodes}${more}`;
  });
}

async function expectNoViolations(page: Page, path: string): Promise<void> {
  await waitForHydration(page);
  const results = await new AxeBuilder({ page }).analyze();
  const found = readable(results.violations as AxeViolation[]);
  if (found.length > 0) {
    console.log(`axe violations on ${path}:\n${found.join('\n')}`);
  }
  expect(found, `axe violations on ${path}`).toEqual([]);
}

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
    ],
  },
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
