import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { DEBIAN_CHROMIUM, findBrowser } from '../../scripts/browser.js';

/**
 * The browser of the browser tests, found as `npm test`'s pretest step finds it (and installs it
 * when missing): CHROMIUM_PATH, else Debian's /usr/bin/chromium, else `chromium` in PATH.
 */
export const CHROMIUM = findBrowser();

let announced = false;

export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) {
    const which = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH}` : `${DEBIAN_CHROMIUM} ni chromium dans PATH`;
    throw new Error(`Chromium introuvable (${which}) : lancez npm test (qui l'installe), apt-get install chromium, ou indiquez CHROMIUM_PATH.`);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  if (!announced) {
    announced = true;
    console.info(`Tests du navigateur : Chromium ${browser.version()} (${CHROMIUM})`);
  }
  return browser;
}

/** Where the browser tests put their screenshots (looked at by people, not compared). */
export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

/**
 * One browser for the tests of a file: launched before them (with the screenshots folder made),
 * closed after them. Read `.browser` inside a test.
 */
export function useBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());
  return {
    get browser() {
      if (!browser) throw new Error('no browser: useBrowser() runs in a test file, and the browser is read inside a test');
      return browser;
    },
  };
}

/** Console errors and uncaught exceptions of a page, as they come. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
