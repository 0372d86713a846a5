import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** What an axe-core violation is worth to the tests: those that block or seriously hinder a reader. */
const BLOCKING = new Set(['serious', 'critical']);

/** The WCAG 2.2 AA rules (A and AA of 2.0, 2.1 and 2.2) and axe's best practices. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * The serious and critical accessibility violations axe-core finds on the page as it is now (run
 * offline, in the page), one line each with the elements concerned: `expect(await
 * axeViolations(page)).toEqual([])`. `exclude`: selectors of parts that are not ours (a host's
 * frame). Used on the chat, the report page and the privacy page, in both colour schemes.
 */
export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<string[]> {
  // Legacy mode runs axe inside the page only: it works on a page of `browser.newPage()` (the
  // default mode needs a page of `browser.newContext()` to finish its run in).
  let builder = new AxeBuilder({ page }).withTags(TAGS).setLegacyMode(true);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}${v.nodes.length > 3 ? ` (+${v.nodes.length - 3})` : ''}`);
}
