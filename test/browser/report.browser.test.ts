import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { SCREENSHOTS, useBrowser } from '../helpers/browser.js';
import { useTestServer } from '../helpers/test-server.js';
import { cookieUserId, throughStep2OnWeb, type WebChatClient } from '../helpers/web-client.js';

/**
 * The report page as people use it: on a phone (320 and 390 px) and a desktop (1280 px), printed
 * to A4 for a meeting, with the organisation's name typed on the page, and its links back into the
 * chat. Screenshots of each width, of each section and of the PDF go to test-artifacts/screenshots/.
 */

const browsers = useBrowser();
// A whole journey is about 50 answers in a few seconds: more than a person's flood budget.
const ctx = useTestServer({ env: { FLOOD_BURST: '1000', FLOOD_PER_SECOND: '100' } });

const WIDTHS = [
  { name: '320', viewport: { width: 320, height: 700 } },
  { name: '390', viewport: { width: 390, height: 844 } },
  { name: '1280', viewport: { width: 1280, height: 800 } },
] as const;

/** Step 3, then the whole evaluation: the closed questions answered in turn from `answers`, the open ones with `words`. */
async function throughEvaluation(client: WebChatClient, answers: RegExp[], words: string): Promise<void> {
  await client.press('Continuer');
  for (const answer of [/besoin/, /déjà/, /besoin/, /Pas pour nous/]) await client.press(answer);
  await client.press('Continuer');
  const queue = [...answers];
  for (let i = 0; i < 20; i++) {
    const titles = (client.messages().at(-1)!.quick_replies ?? []).map((r) => r.title);
    if (titles.includes('Passer cette question')) await client.ask(words);
    else if (titles.includes('En partie')) await client.press(queue.shift() ?? /^Oui$/);
    else break;
  }
}

/** A partner (a PME of the Rhône) joins with the user's code and weighs their own objectives. */
async function pairWithPartner(client: WebChatClient): Promise<void> {
  await client.ask('jumelage');
  const invite = await client.press('Inviter un partenaire');
  const code = /[A-Z0-9]{4}-?[A-Z0-9]{4}/.exec(invite.map((m) => m.text).join('\n'))![0];
  const { client: partner } = await ctx.visitor();
  await partner.press(/^Entreprise/);
  await partner.press(/PME/);
  await partner.ask('69');
  await partner.ask('jumelage');
  await partner.press("J'ai un code");
  await partner.ask(code);
  for (const w of ['2', '1', '5', '2']) await partner.ask(w);
}

async function reportLink(client: WebChatClient): Promise<string> {
  const replies = await client.ask('mon bilan');
  return replies.flatMap((m) => m.cards ?? []).find((c) => c.url?.includes('/bilan/'))!.url!;
}

/**
 * How a page lays out: its horizontal overflow, what sticks out of the report's column, chart
 * labels outside their drawing, and the smallest chart label in CSS pixels (its font size in the
 * SVG's units times the SVG's rendered scale).
 */
async function measure(page: Page) {
  return page.evaluate(() => {
    const report = document.querySelector('main.report')!;
    const edge = report.getBoundingClientRect().right - parseFloat(getComputedStyle(report).paddingRight);
    const outside = [...report.querySelectorAll('*')]
      .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > edge + 1)
      .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''} « ${(e.textContent ?? '').trim().slice(0, 30)} »`);
    const texts = [...document.querySelectorAll<SVGTextElement>('svg.chart text')];
    const labels = texts.map((t) => ({ text: t.textContent ?? '', px: parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement!.getScreenCTM()!.a }));
    const clipped = texts
      .filter((t) => {
        const box = t.getBBox();
        const view = t.ownerSVGElement!.viewBox.baseVal;
        return box.x < view.x - 0.5 || box.y < view.y - 0.5 || box.x + box.width > view.x + view.width + 0.5 || box.y + box.height > view.y + view.height + 0.5;
      })
      .map((t) => t.textContent);
    return {
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      outside: outside.slice(0, 5),
      clipped,
      smallestLabel: labels.reduce((min, l) => (l.px < min.px ? l : min), { text: '', px: Infinity }),
    };
  });
}

/** Waits until the bot has answered a turn: its last message asks the next question (buttons). */
async function turnDone(page: Page, before: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.querySelectorAll('#messages li.msg.bot').length > n && document.querySelector('#messages > li:last-child')?.classList.contains('choices-row') === true,
    before,
  );
  await page.locator('#typing').waitFor({ state: 'hidden' });
}

/** Presses a button of the chat's last row of choices, as a person would. */
async function clickInChat(page: Page, label: RegExp): Promise<void> {
  const before = await page.locator('#messages li.msg.bot').count();
  await page.locator('#messages li.choices-row').last().locator('button:not([disabled])', { hasText: label }).first().click();
  await turnDone(page, before);
}

async function typeInChat(page: Page, text: string): Promise<void> {
  const before = await page.locator('#messages li.msg.bot').count();
  await page.fill('#input', text);
  await page.press('#input', 'Enter');
  await turnDone(page, before);
}

/** Pages of a PDF (its page objects, not the page tree). */
function pdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0;
}

/** The report's PDF as Chromium prints it (A4, the page's own print stylesheet and @page margins). */
async function printed(link: string, name: string): Promise<number> {
  const page = await browsers.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(link);
  await page.locator('svg.chart').first().waitFor();
  const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  writeFileSync(path.join(SCREENSHOTS, `${name}.pdf`), pdf);
  await page.close();
  return pdfPages(pdf);
}

describe('the report page, phone first', () => {
  it('fits every width from 320 px with charts readable, sums up the journey, and prints a complete one on at most 3 A4 pages', { timeout: 90_000 }, async () => {
    const { client } = await ctx.visitor();
    await throughStep2OnWeb(client);
    await throughEvaluation(client, [/^Oui$/, /^En partie$/, /^Oui$/, /^Non$/, /^Oui$/, /^Je ne sais pas$/, /^Oui$/, /^En partie$/, /^Oui$/], 'Nous avons appris à travailler avec les entreprises du quartier.');
    await pairWithPartner(client);
    const link = await reportLink(client);

    for (const { name, viewport } of WIDTHS) {
      const page = await browsers.browser.newPage({ viewport, isMobile: viewport.width < 500, deviceScaleFactor: viewport.width < 500 ? 3 : 1 });
      await page.goto(link);
      await page.locator('svg.chart').first().waitFor();
      const m = await measure(page);
      expect(m.scrollWidth, `${name} px: horizontal scroll`).toBeLessThanOrEqual(m.clientWidth);
      expect(m.outside, `${name} px: out of the report's column`).toEqual([]);
      expect(m.clipped, `${name} px: chart labels cut off`).toEqual([]);
      expect(m.smallestLabel.px, `${name} px: smallest chart label « ${m.smallestLabel.text} »`).toBeGreaterThanOrEqual(12);
      await page.screenshot({ path: path.join(SCREENSHOTS, `report-${name}.png`), fullPage: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `report-${name}-top.png`) });
      for (const section of ['diagnostic', 'step', 'evaluation', 'tools'])
        await page.locator(`section.${section}`).first().screenshot({ path: path.join(SCREENSHOTS, `report-${name}-${section}.png`) });
      if (name !== '320') expect(await axeViolations(page), `${name} px: accessibility`).toEqual([]);
      await page.close();
    }

    const page = await browsers.browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(link);
    // The summary at the top: where the user is, their priorities, the partnership, the next steps.
    const summary = await page.locator('section.summary').innerText();
    expect(summary).toMatch(/5 étapes sur 5 faites/);
    expect(summary).toMatch(/Vos priorités\s+Évaluer sa pertinence\s;\sDéfinir sa stratégie/);
    expect(summary).toMatch(/Partage d'expertise \(Innovation sociétale\)/);
    const actions = page.locator('.next-actions li');
    expect(await actions.count()).toBe(3);
    expect(await actions.first().locator('a').getAttribute('href')).toBe('/?commande=etape-1');
    expect(await actions.first().innerText()).toMatch(/Revenir à l'étape 1 · vos objectifs \(point de vigilance\s:\sla performance\)/);
    expect(await page.locator('.meta').innerText()).toMatch(/établi le 1er\sdécembre 2026/);
    // The evaluation's analysis, from the rules of content/evaluation.json.
    const evaluation = await page.locator('section.evaluation').innerText();
    expect(evaluation).toMatch(/Points forts[\s\S]*Des effets sur votre organisation interne\./);
    expect(evaluation).toMatch(/Points de vigilance[\s\S]*Pas d'effet sur votre performance économique/);
    expect(evaluation).toMatch(/Pour la suite[\s\S]*Comparez vos résultats aux objectifs/);
    expect(await page.locator('section.evaluation a[href="https://evaluation-partenariale.plateformecapitalisation.org/"]').count()).toBeGreaterThan(0);
    await page.close();

    expect(await printed(link, 'report')).toBeLessThanOrEqual(3);
  });

  it('prints a complete journey with a severe evaluation and long answers on at most 3 A4 pages too', { timeout: 90_000 }, async () => {
    const { client } = await ctx.visitor();
    await throughStep2OnWeb(client);
    const long = 'Nous avons monté avec la mairie et deux entreprises du quartier un atelier de réparation de vélos. '.repeat(5).trim();
    await throughEvaluation(client, Array.from({ length: 12 }, () => /^Non$/), long);
    await pairWithPartner(client);
    expect(await printed(await reportLink(client), 'report-severe')).toBeLessThanOrEqual(3);
  });

  it('adds the organisation’s name typed on the page to the title, on screen and in print, without sending it anywhere', async () => {
    const { client, cookie } = await ctx.visitor();
    await throughStep2OnWeb(client);
    const link = await reportLink(client);
    const page = await browsers.browser.newPage({ viewport: { width: 390, height: 844 } });
    const requests: string[] = [];
    page.on('request', (r) => requests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`));
    await page.goto(link);
    await page.fill('#org-name', 'Les Jardins  du Rhône ');
    expect(await page.locator('h1').innerText()).toMatch(/^Mon bilan · Les Jardins du Rhône$/);
    expect(await page.title()).toMatch(/Les Jardins du Rhône/);
    // As printed: an A4 page's width at 96 dpi.
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('h1').isVisible()).toBe(true);
    expect(await page.locator('#org-name').isVisible()).toBe(false);
    expect(await page.locator('#print').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-organisation-print.png') });
    await page.emulateMedia({ media: 'screen' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-organisation.png') });
    expect(requests.filter((r) => /Jardins/.test(decodeURIComponent(r)))).toEqual([]);
    expect(JSON.stringify((await ctx.server.store.read(cookieUserId(cookie))) ?? {})).not.toMatch(/Jardins/);
    await page.close();
  });

  it('links each next step back into the chat, which takes it up once connected', { timeout: 60_000 }, async () => {
    const { client, cookie } = await ctx.visitor();
    await throughStep2OnWeb(client);
    const link = await reportLink(client);
    const context = await browsers.browser.newContext({ viewport: { width: 390, height: 844 } });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: ctx.url }]);
    const page = await context.newPage();
    await page.goto(link);
    const first = page.locator('.next-actions li').first().locator('a');
    expect(await first.innerText()).toBe("Reprendre l'étape 3 · votre place dans l'écosystème");
    expect(await first.getAttribute('href')).toBe('/?commande=etape-3');
    // An unfinished step's section says so, with its link.
    expect(await page.locator('section.evaluation .step-todo a').getAttribute('href')).toBe('/?commande=evaluation');
    await first.click();
    await page.waitForURL((url) => url.pathname === '/' && url.search === '');
    await page.locator('#messages li.msg.user', { hasText: 'étape 3' }).waitFor();
    await page.locator('#messages li.msg.bot', { hasText: /catalyseur territorial/ }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-link-into-chat.png') });
    // Sent once: a reload does not send it again.
    await page.reload();
    await page.locator('#messages li.choices-row').first().waitFor();
    await page.waitForTimeout(300);
    expect(await page.locator('#messages li.msg.user', { hasText: 'étape 3' }).count()).toBeLessThanOrEqual(1);
    await context.close();
  });

  it('ends the evaluation in the chat with its analysis and « Mon bilan », which gives the report', { timeout: 90_000 }, async () => {
    const { client, cookie } = await ctx.visitor();
    await throughStep2OnWeb(client);
    await client.press('Continuer');
    for (const answer of [/besoin/, /déjà/, /besoin/, /Pas pour nous/]) await client.press(answer);
    const context = await browsers.browser.newContext({ viewport: { width: 390, height: 844 } });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: ctx.url }]);
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    // The report's link to the evaluation, followed from the chat page.
    await page.goto(new URL('/?commande=evaluation', ctx.url).toString());
    await page.locator('#messages li.msg.bot', { hasText: /Question 1\/14/ }).waitFor();
    const answers = [/^Oui$/, /^En partie$/, /^Non$/, /^Oui$/, /^Oui$/, /^Je ne sais pas$/, /^Oui$/, /^Non$/, /^En partie$/, /^Oui$/, /^Non$/, /^Oui$/];
    for (let i = 0; i < 16; i++) {
      const row = page.locator('#messages li.choices-row').last();
      if (await row.locator('button', { hasText: 'Mon bilan' }).count()) break;
      if (await row.locator('button', { hasText: 'Passer cette question' }).count()) await typeInChat(page, 'Un atelier de réparation de vélos avec la mairie.');
      else await clickInChat(page, answers.shift() ?? /^Oui$/);
    }
    const chat = await page.locator('#messages').innerText();
    expect(chat).toMatch(/Vos points forts[\s\S]*Des effets sur votre organisation interne\./);
    expect(chat).toMatch(/Vos points de vigilance[\s\S]*Pas d'effet sur votre capacité d'innovation\./);
    expect(chat).toMatch(/Pour la suite[\s\S]*Écrivez «\sétape 1\s» pour y revenir/);
    await page.locator('#messages li.msg.bot', { hasText: /Vos points forts/ }).last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-evaluation-analysis-390.png') });
    await page.locator('#messages li.msg.bot', { hasText: /Pour la suite/ }).last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-evaluation-next-390.png') });
    await clickInChat(page, /^Mon bilan$/);
    expect(await page.locator('#messages a[href*="/bilan/"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'chat-evaluation-bilan-390.png') });
    await context.close();
  });

  it('ignores a link asking the chat for anything but a step of the journey', async () => {
    const res = await fetch(new URL('/?commande=supprimer-mes-donnees', ctx.url));
    expect(await res.text()).not.toContain('data-start-command');
    const ok = await fetch(new URL('/?commande=etape-2', ctx.url));
    expect(await ok.text()).toContain('data-start-command="étape 2"');
  });
});
