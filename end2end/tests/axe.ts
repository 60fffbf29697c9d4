import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { waitForHydration } from './helpers';

// axe-core's default rule set (WCAG 2.x A/AA and best practices) on the current page; any violation fails the
// test and is listed one line per rule with the offending elements.

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

export async function expectNoViolations(page: Page, path: string): Promise<void> {
  await waitForHydration(page);
  const results = await new AxeBuilder({ page }).analyze();
  const found = readable(results.violations as AxeViolation[]);
  if (found.length > 0) {
    console.log(`axe violations on ${path}:\n${found.join('\n')}`);
  }
  expect(found, `axe violations on ${path}`).toEqual([]);
}

