import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { SCREENSHOTS, useBrowser } from '../helpers/browser.js';
import { useTestServer } from '../helpers/test-server.js';
import { onboardOnWeb } from '../helpers/web-client.js';

/**
 * The privacy page and « mes données » as people read them: on a phone and a desktop, in both
 * colour schemes, without scrolling sideways, and with nothing that blocks a screen reader.
 */
const VIEWPORTS = [
  { name: '390', viewport: { width: 390, height: 844 } },
  { name: '1280', viewport: { width: 1280, height: 800 } },
] as const;

const browsers = useBrowser();
const ctx = useTestServer();

async function personalDataUrl(): Promise<string> {
  const { client } = await ctx.visitor();
  await onboardOnWeb(client);
  const replies = await client.ask('mes données');
  const url = replies.flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => u.includes('/mes-donnees/'));
  if (!url) throw new Error('« mes données » gave no link');
  return url;
}

describe('the privacy pages in a browser', () => {
  it.each(VIEWPORTS)('are readable at $name px in light and dark, without sideways scroll or blocking accessibility issues', { timeout: 60_000 }, async ({ name, viewport }) => {
    const pages = { confidentialite: new URL('/confidentialite', ctx.url).href, 'mes-donnees': await personalDataUrl() };
    const page = await browsers.browser.newPage({ viewport });
    try {
      for (const [which, url] of Object.entries(pages)) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          const res = await page.goto(url);
          expect(res?.status(), which).toBe(200);
          expect(await page.locator('h1').count(), which).toBe(1);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${which} at ${name} px scrolls sideways`).toBeLessThanOrEqual(0);
          expect(await axeViolations(page), `${which}, ${colorScheme}, ${name} px`).toEqual([]);
          await page.screenshot({ path: path.join(SCREENSHOTS, `${which}-${name}-${colorScheme}.png`), fullPage: true });
        }
      }
      // « mes données » offers the file, and the chat footer leads to the privacy page.
      await page.goto(pages['mes-donnees']);
      expect(await page.getByRole('link', { name: 'Télécharger (JSON)' }).count()).toBe(1);
      await page.goto(ctx.url);
      expect(await page.getByRole('contentinfo').getByRole('link', { name: /confidentialit/i }).getAttribute('href')).toBe('/confidentialite');
    } finally {
      await page.close();
    }
  });
});
