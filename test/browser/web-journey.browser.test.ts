import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOTS, useBrowser, watchErrors } from '../helpers/browser.js';
import { useTestServer } from '../helpers/test-server.js';

/** Screenshots of each run, for a person to look at (git-ignored; named in the README). */

const browsers = useBrowser();
const ctx = useTestServer();

/** Clicks a button of the last row of choices, as a person would, and waits for the bot's answer. */
async function click(page: Page, label: RegExp): Promise<void> {
  const before = await page.locator('#messages li.msg.bot').count();
  const button = page.locator('#messages li.choices-row').last().locator('button:not([disabled])', { hasText: label }).first();
  await button.click();
  // A turn's reply is several messages; it is complete when its last one has asked the next
  // question (the bot always ends a turn with buttons), not at the first message.
  await page.waitForFunction(
    (n) => document.querySelectorAll('#messages li.msg.bot').length > n && document.querySelector('#messages > li:last-child')?.classList.contains('choices-row') === true,
    before,
  );
  await page.locator('#typing').waitFor({ state: 'hidden' });
}

async function type(page: Page, text: string): Promise<void> {
  const before = await page.locator('#messages li.msg.bot').count();
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
  // A turn's reply is several messages; it is complete when its last one has asked the next
  // question (the bot always ends a turn with buttons), not at the first message.
  await page.waitForFunction(
    (n) => document.querySelectorAll('#messages li.msg.bot').length > n && document.querySelector('#messages > li:last-child')?.classList.contains('choices-row') === true,
    before,
  );
  await page.locator('#typing').waitFor({ state: 'hidden' });
}

const lastBotText = (page: Page) => page.locator('#messages li.msg.bot').last().innerText();

describe('the web chat in Chromium, as a person uses it', () => {
  it('takes a new user from the profile to the report page, without a console error', { timeout: 90_000 }, async () => {
    const page = await browsers.browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await page.goto(ctx.url);
    await page.locator('#messages li.choices-row button', { hasText: /^Association/ }).waitFor();

    await click(page, /^Association/);
    await click(page, /employeuse/i);
    await click(page, /intérêt général/i);
    await type(page, '69');
    await click(page, /^Diagnostic/);
    for (let i = 0; i < 7; i++) await click(page, i === 6 ? /^1 ·/ : /^3 ·/);
    const links = page.locator('#messages .card a.card-link');
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    expect(await links.first().getAttribute('href')).toMatch(/^https?:\/\//);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-recommendations.png') });

    await type(page, 'méthode');
    await click(page, /Étape 1/);
    for (const weight of ['1', '2', '5']) await click(page, new RegExp(`^${weight}$`));
    await type(page, '4');
    expect(await page.locator('#messages').innerText()).toMatch(/Innovation sociétale \(la proposition de valeur\)\s*:\s*42\s*%/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-objectives.png') });

    await type(page, 'mon bilan');
    const reportHref = await page.locator('#messages a.card-link[href*="/bilan/"]').last().getAttribute('href');
    expect(reportHref).toBeTruthy();
    const report = await browsers.browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const reportErrors = watchErrors(report);
    await report.goto(reportHref!);
    await report.locator('svg.chart').first().waitFor();
    expect(await report.locator('svg.chart').count()).toBeGreaterThanOrEqual(2);
    expect(await report.locator('.meta').innerText()).toMatch(/Association/);
    await report.screenshot({ path: path.join(SCREENSHOTS, 'report.png'), fullPage: true });

    expect(errors).toEqual([]);
    expect(reportErrors).toEqual([]);
    await page.close();
    await report.close();
  });

  it('takes a whole profile, the diagnosis and step 1 by typing alone, acknowledging each answer', { timeout: 90_000 }, async () => {
    const page = await browsers.browser.newPage({ viewport: { width: 1000, height: 900 } });
    page.setDefaultTimeout(8000);
    const errors = watchErrors(page);
    await page.goto(ctx.url);
    await page.locator('#messages li.choices-row button', { hasText: /^Association/ }).waitFor();

    await type(page, 'une asso');
    expect(await page.locator('#messages').innerText()).toMatch(/Noté\s:\sassociation\./);
    await type(page, 'non');
    await type(page, 'intérêt général');
    await type(page, 'Montreuil');
    expect(await page.locator('#messages').innerText()).toMatch(/Montreuil, département Seine-Saint-Denis \(93\)/);
    await type(page, 'diagnostic');
    for (const answer of ['oui tout à fait', 'je sais pas', 'trois', 'en acton', 'plutôt non', '2', 'pas du tout']) await type(page, answer);
    const chat = await page.locator('#messages').innerText();
    expect(chat).toMatch(/Noté\s:\s4\s·\sMaîtrisé\./);
    expect(chat).toMatch(/vous ne savez pas encore/);
    expect(chat).toMatch(/besoins prioritaires/);
    expect(await page.locator('#messages .card a.card-link').count()).toBeGreaterThanOrEqual(3);

    await type(page, 'méthode');
    await type(page, '1');
    for (const weight of ['pas important', '9', 'prioritaire', '2']) await type(page, weight);
    expect(await page.locator('#messages').innerText()).toMatch(/L'équilibre de vos 4 objectifs/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-typed-journey.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows HTML or script typed by a user as plain text, never running it', async () => {
    const page = await browsers.browser.newPage();
    const errors = watchErrors(page);
    await page.goto(ctx.url);
    await page.locator('#messages li.choices-row button', { hasText: /^Association/ }).waitFor();
    const attack = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script> qu\'est-ce qu\'un PTCE ?';
    await type(page, attack);
    expect(await page.locator('#messages li.msg.user').last().innerText()).toContain('<img src=x onerror=');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('#messages img').count()).toBe(0);
    expect(errors).toEqual([]);
    await lastBotText(page);
    await page.close();
  });
});
