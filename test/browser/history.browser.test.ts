import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowser, watchErrors } from '../helpers/browser.js';
import { useTestServer } from '../helpers/test-server.js';

const browsers = useBrowser();
const ctx = useTestServer();

/** Waits until the bot's turn is over: its last message has asked the next question (buttons). */
async function settled(page: Page, botMessagesBefore: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#messages li.msg.bot').length > n && document.querySelector('#messages > li:last-child')?.classList.contains('choices-row') === true,
    botMessagesBefore,
  );
  await page.locator('#typing').waitFor({ state: 'hidden' });
}

async function type(page: Page, text: string): Promise<void> {
  const before = await page.locator('#messages li.msg.bot').count();
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
  await settled(page, before);
}

/** What the user said, as shown (without the « Vous : » screen readers hear first). */
const userTexts = async (page: Page) => (await page.locator('#messages li.msg.user').allInnerTexts()).map((t) => t.replace(/^Vous\s*:\s*/, ''));

describe('the conversation in Chromium, the next day or on another device', () => {
  it('shows the previous messages after a reload, then where the user was', { timeout: 60_000 }, async () => {
    const page = await browsers.browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await page.goto(ctx.url);
    await settled(page, 0);
    for (const answer of ['une asso', 'non', 'intérêt général', '69', 'diagnostic', '2']) await type(page, answer);
    const before = await page.locator('#messages li.msg.bot').allInnerTexts();

    await page.reload();
    await settled(page, 0);
    const after = await page.locator('#messages li.msg.bot').allInnerTexts();
    // The welcome and every answer are there again, in order, then the return message.
    expect(after[0]).toMatch(/Compagnon ODD 17/);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(await userTexts(page)).toEqual(['une asso', 'non', 'intérêt général', '69', 'diagnostic', '2']);
    expect(after.slice(before.length).join('\n')).toMatch(/Bon retour\s!\sVous en étiez au besoin 2 sur 7 du diagnostic/);
    // The history asks nothing: only the pending question has buttons that work.
    expect(await page.locator('#messages li.choices-row').last().locator('button:not([disabled])').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-history-after-reload.png'), fullPage: true });
    await type(page, '3');
    expect(await page.locator('#messages li.msg.bot').last().innerText()).toMatch(/Où en est votre organisation/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the conversation in another browser with a resume link, confirmed there', { timeout: 60_000 }, async () => {
    const laptop = await browsers.browser.newContext();
    const page = await laptop.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(ctx.url);
    await settled(page, 0);
    for (const answer of ['une asso', 'non', 'intérêt général', '69']) await type(page, answer);
    await type(page, 'reprendre sur un autre appareil');
    const link = await page.locator('#messages a[href*="/reprendre/"]').last().getAttribute('href');
    expect(link).toBeTruthy();

    // Another device: another cookie jar.
    const phone = await browsers.browser.newContext({ viewport: { width: 400, height: 800 } });
    const other = await phone.newPage();
    other.setDefaultTimeout(8000);
    const errors = watchErrors(other);
    await other.goto(link!);
    await other.getByRole('button', { name: /Continuer ma conversation ici/ }).click();
    await other.waitForURL(new URL('/', ctx.url).toString());
    await settled(other, 0);
    expect(await userTexts(other)).toEqual(expect.arrayContaining(['une asso', '69', 'reprendre sur un autre appareil']));
    expect(await other.locator('#messages').innerText()).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}/);
    await other.screenshot({ path: path.join(SCREENSHOTS, 'chat-resumed-on-phone.png'), fullPage: true });
    expect(errors).toEqual([]);
    await laptop.close();
    await phone.close();
  });
});
