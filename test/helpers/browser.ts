import { chromium, type Browser } from 'playwright-core';
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
