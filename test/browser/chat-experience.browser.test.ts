import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { SCREENSHOTS, useBrowser, watchErrors } from '../helpers/browser.js';
import { useTestServer } from '../helpers/test-server.js';

/**
 * The chat as people read it, on a phone (390×844) and a laptop (1280×800): bubbles within the
 * budget, answers that stay in view, buttons that go once used, the header's menu and progress,
 * focus and announcements, and axe-core with no serious or critical violation (light and dark).
 * Screenshots of each step go to test-artifacts/screenshots/chat-<step>-<viewport>.png.
 */

const VIEWPORTS = [
  { name: '390', width: 390, height: 844 },
  { name: '1280', width: 1280, height: 800 },
] as const;
/** Characters of a bubble's own text (its folded detail and cards aside): the message budget. */
const TEXT_BUDGET = 600;

const browsers = useBrowser();
// A whole journey is many turns in a few seconds: more than a person's flood budget.
const ctx = useTestServer({ env: { FLOOD_BURST: '1000', FLOOD_PER_SECOND: '100' } });

/** Waits for the turn under way to be shown whole (its last frame, after the pauses). */
async function turnShown(page: Page, botsBefore: number): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('#messages li.msg.bot').length > n && document.getElementById('messages')?.getAttribute('aria-busy') === 'false', botsBefore);
}

const bots = (page: Page) => page.locator('#messages li.msg.bot').count();

async function press(page: Page, label: RegExp): Promise<void> {
  const before = await bots(page);
  await page.locator('#messages li.choices-row').last().locator('button', { hasText: label }).first().click();
  await turnShown(page, before);
}

async function type(page: Page, text: string): Promise<void> {
  const before = await bots(page);
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
  await turnShown(page, before);
}

async function shot(page: Page, step: string, viewport: string): Promise<void> {
  // The last bubble's arrival (a quarter of a second) is over.
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENSHOTS, `chat-${step}-${viewport}.png`) });
}

/** Each bot bubble's own text (without the speaker's name, its folded detail and its cards), and its height. */
function bubbles(page: Page) {
  return page.$$eval('#messages li.msg.bot', (items) =>
    items.map((li) => {
      const own = Array.from(li.children).filter((c) => !c.matches('.sr-only, details, .cards, .carousel'));
      return { text: own.map((c) => (c as HTMLElement).innerText).join('\n'), height: li.getBoundingClientRect().height };
    }),
  );
}

/** Buttons still on the page that belong to no pending question: neither the last row nor an answer's topics or votes. */
function staleButtons(page: Page) {
  return page.$$eval('#messages li.choices-row', (rows) =>
    rows.slice(0, -1).flatMap((row) => Array.from(row.querySelectorAll('button')).filter((b) => !/^(qa|feedback):/.test(b.dataset.payload ?? '')).map((b) => b.textContent)),
  );
}

/** Whether the element's top is within the conversation's visible area. */
function topInView(page: Page, selector: string, index: number) {
  return page.evaluate(
    ([sel, i]) => {
      const el = document.querySelectorAll(sel)[i as number] as HTMLElement;
      const view = document.getElementById('conversation')!.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return box.top >= view.top - 1 && box.top < view.bottom - 40;
    },
    [selector, index] as const,
  );
}

describe.each(VIEWPORTS)('the chat at $width×$height', (viewport) => {
  it('keeps bubbles short, answers in view, used buttons gone, and is accessible', { timeout: 120_000 }, async () => {
    const page = await browsers.browser.newPage({ viewport: { width: viewport.width, height: viewport.height } });
    page.setDefaultTimeout(10_000);
    const errors = watchErrors(page);
    await page.goto(ctx.url);
    await page.locator('#messages li.choices-row button', { hasText: /^Association/ }).waitFor();
    await page.locator('#messages[aria-busy="false"]').waitFor();
    await shot(page, '01-welcome', viewport.name);
    expect(await axeViolations(page), 'welcome').toEqual([]);
    // Who speaks is said to screen readers; only a small region is live, not the whole list.
    expect(await page.locator('#messages li.msg.bot').first().locator('.sr-only').first().innerText()).toMatch(/^Compagnon\s*:/);
    expect(await page.locator('#messages').getAttribute('aria-live')).toBeNull();
    expect(await page.locator('#announcer').getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('#announcer').innerText()).toMatch(/Compagnon\s*:/);
    // The question's buttons are a group named by the question.
    expect(await page.locator('#messages li.choices-row [role="group"]').last().getAttribute('aria-label')).toMatch(/type d'organisation/);

    await press(page, /^Association/);
    // The chosen button shows as the user's message and no button of that question is left.
    expect(await page.locator('#messages li.msg.user').last().innerText()).toMatch(/Association/);
    expect(await page.locator('#messages button', { hasText: /^Entreprise$/ }).count()).toBe(0);
    // The focus moved to the first button of the new question, not to the page.
    expect(await page.evaluate(() => document.activeElement?.closest('li.choices-row') === document.querySelector('#messages li.choices-row:last-of-type'))).toBe(true);
    await press(page, /employeuse/i);
    await press(page, /intérêt général/i);
    await type(page, '69');
    await shot(page, '02-profile-done', viewport.name);
    // After an action, the next steps only (the whole menu is the header's « Menu »).
    expect(await page.locator('#messages li.choices-row').last().locator('button').count()).toBeLessThanOrEqual(3);

    await press(page, /^Diagnostic/);
    expect(await page.locator('#progress').isVisible()).toBe(true);
    expect(await page.locator('#progress-label').innerText()).toMatch(/Diagnostic\s1\/7/);
    await shot(page, '03-need', viewport.name);
    await press(page, /^3 ·/);
    expect(await page.locator('#progress-label').innerText()).toMatch(/Diagnostic\s2\/7/);

    // A question asked in the middle of the diagnosis: its answer is in view, the need is recalled
    // in one line with its buttons (not printed whole again).
    const before = await bots(page);
    await type(page, "c'est quoi un PTCE ?");
    expect(await topInView(page, '#messages li.msg.bot', before), 'the answer is in view').toBe(true);
    const turn = (await bubbles(page)).slice(before);
    expect(turn).toHaveLength(2);
    expect(turn[1]!.text).toMatch(/^Pour reprendre\s:\s+Besoin 2\/7/);
    expect(await page.locator('#messages li.choices-row').last().locator('button', { hasText: /^2 ·/ }).count()).toBe(1);
    // The header holds the name, the progress and « Menu » side by side, none over another.
    const boxes = await Promise.all(['.app-header h1', '#progress', '#menu-button'].map((s) => page.locator(s).boundingBox()));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x, `header item ${i} starts after the one before it ends`).toBeGreaterThanOrEqual(boxes[i - 1]!.x + boxes[i - 1]!.width);
    await shot(page, '04-question-mid-diagnosis', viewport.name);
    expect(await axeViolations(page), 'mid-diagnosis').toEqual([]);
    // « Lire la suite » unfolds the rest of the answer.
    const more = page.locator('#messages li.msg.bot').nth(before).locator('details.more');
    if ((await more.count()) > 0) {
      await more.locator('summary').click();
      expect(await more.getAttribute('open')).not.toBeNull();
      await more.locator('summary').click();
    }

    for (let i = 1; i < 7; i++) await press(page, i === 6 ? /^1 ·/ : /^2 ·/);
    // The recommendations: compact cards in a carousel, each with its reason and its link.
    const carousel = page.locator('#messages .carousel').last();
    await carousel.waitFor();
    expect(await carousel.locator('.card').count()).toBeGreaterThanOrEqual(3);
    expect(await carousel.locator('.card a.card-link').first().getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await carousel.locator('.card details.more').count()).toBeGreaterThanOrEqual(3);
    await shot(page, '05-recommendations', viewport.name);
    expect(await axeViolations(page), 'recommendations').toEqual([]);
    const next = carousel.locator('.carousel-nav button').last();
    if (await next.isEnabled()) {
      await next.click();
      await page.waitForTimeout(400);
      await shot(page, '06-carousel-next', viewport.name);
    }

    // The header's menu: the whole menu, the focus on its first button.
    const beforeMenu = await bots(page);
    await page.locator('#menu-button').click();
    await turnShown(page, beforeMenu);
    expect(await page.locator('#messages li.choices-row').last().locator('button').count()).toBe(8);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/Diagnostic|diagnostic/);
    await shot(page, '07-menu', viewport.name);

    await press(page, /^Mon bilan/);
    await shot(page, '08-bilan', viewport.name);

    // Every bubble within the budget; no button of an answered question left anywhere.
    const over = (await bubbles(page)).filter((b) => b.text.length > TEXT_BUDGET).map((b) => `${b.text.length}: ${b.text.slice(0, 60)}`);
    expect(over).toEqual([]);
    expect(await staleButtons(page)).toEqual([]);
    expect(await page.locator('#messages .choices button:disabled').count()).toBe(0);

    // The dark scheme is as readable.
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, '09-dark', viewport.name);
    expect(await axeViolations(page), 'dark scheme').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the chat, while the reader is elsewhere in the conversation', () => {
  it('shows « ↓ nouveau message » when new messages arrive below, and brings them into view', { timeout: 60_000 }, async () => {
    const page = await browsers.browser.newPage({ viewport: { width: 390, height: 844 } });
    page.setDefaultTimeout(10_000);
    await page.goto(ctx.url);
    await page.locator('#messages li.choices-row button', { hasText: /^Association/ }).waitFor();
    await press(page, /^Association/);
    await press(page, /employeuse/i);
    await press(page, /intérêt général/i);
    await type(page, '69');
    await press(page, /^Diagnostic/);
    // The reader scrolls back up while the next need arrives (two bubbles, a pause between them).
    const before = await bots(page);
    await page.locator('#messages li.choices-row').last().locator('button', { hasText: /^3 ·/ }).click();
    await page.waitForFunction((n) => document.querySelectorAll('#messages li.msg.bot').length > n, before);
    await page.mouse.move(195, 400);
    await page.mouse.wheel(0, -5000);
    await page.locator('#messages[aria-busy="false"]').waitFor();
    await page.locator('#new-message').waitFor({ state: 'visible' });
    await shot(page, '10-new-message-pill', '390');
    await page.locator('#new-message').click();
    expect(await page.locator('#new-message').isHidden()).toBe(true);
    expect(await topInView(page, '#messages li.msg.bot', before + 1)).toBe(true);
    await page.close();
  });

  it('shows the bubbles of a turn one after the other, with the typing dots between them, unless motion is reduced', { timeout: 60_000 }, async () => {
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const page = await browsers.browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.emulateMedia({ reducedMotion });
      // When each bot bubble appears, and whether the typing dots showed before it.
      await page.addInitScript(() => {
        const w = window as unknown as { arrivals: Array<{ at: number; dots: boolean }> };
        w.arrivals = [];
        let dots = false;
        new MutationObserver(() => {
          const typing = document.getElementById('typing');
          if (typing && !typing.hidden) dots = true;
          const count = document.querySelectorAll('#messages li.msg.bot').length;
          while (w.arrivals.length < count) {
            w.arrivals.push({ at: performance.now(), dots });
            dots = false;
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
      });
      await page.goto(ctx.url);
      await page.locator('#messages[aria-busy="false"] li.choices-row button', { hasText: /^Association/ }).waitFor();
      // The welcome: two bubbles, then the first question.
      const arrivals = await page.evaluate(() => (window as unknown as { arrivals: Array<{ at: number; dots: boolean }> }).arrivals);
      expect(arrivals.length).toBeGreaterThanOrEqual(3);
      const gaps = arrivals.slice(1).map((a, i) => a.at - arrivals[i]!.at);
      if (reducedMotion === 'no-preference') {
        for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(250);
        // The typing dots showed while the next bubble was on its way.
        expect(arrivals.slice(1).some((a) => a.dots)).toBe(true);
      } else {
        for (const gap of gaps) expect(gap).toBeLessThan(150);
      }
      await page.close();
    }
  });
});
