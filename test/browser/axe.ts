import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** The rules a reader page must pass: WCAG 2.0 and 2.1 A and AA, and axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export interface AxeReport {
  violations: AxeFinding[];
  /** Rules that ran and passed: a run that checked nothing would pass vacuously. */
  passed: string[];
}

/**
 * Runs axe-core in the page (the context must bypass the site's CSP, which forbids the inline script
 * it is injected as): every violation, worst first, and the rules that passed.
 */
export async function axeReport(page: Page): Promise<AxeReport> {
  await page.addScriptTag({ content: axe.source });
  const report = await page.evaluate(async (tags) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    const violations = result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map(
        (n) =>
          `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').slice(0, 220)})` : ''}`,
      ),
    }));
    return { violations, passed: result.passes.map((p) => p.id) };
  }, AXE_TAGS);
  const order = ['critical', 'serious', 'moderate', 'minor', 'unknown'];
  report.violations.sort((a, b) => order.indexOf(a.impact) - order.indexOf(b.impact));
  return report;
}

/** The violations alone, worst first. */
export async function runAxe(page: Page): Promise<AxeFinding[]> {
  return (await axeReport(page)).violations;
}

export const isBlocking = (f: AxeFinding): boolean => f.impact === 'critical' || f.impact === 'serious';

export function describeFindings(findings: AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.id} [${f.impact}] ${f.help}\n${f.targets
          .slice(0, 6)
          .map((t) => `      ${t}`)
          .join('\n')}`,
    )
    .join('\n    ');
}
