import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { fakeTeamsHostPage } from '../helpers/fake-teams-host.js';
import { APP_ID, APP_ID_URI } from '../helpers/registered-server.js';
import { onboardInTeams, type TeamsUser } from '../helpers/teams-client.js';
import { useTeamsServer } from '../helpers/test-server.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());
const ctx = useTeamsServer({ registered: true });

async function diagnosedUser(): Promise<TeamsUser> {
  const user = ctx.user({ appId: APP_ID });
  await onboardInTeams(user);
  await user.press(/Diagnostic/);
  for (let i = 0; i < 7; i++) await user.press(i === 6 ? /^1 ·/ : /^3 ·/);
  return user;
}

/** Opens the tab inside the fake Teams client, on the server's origin. */
async function openInTeams(token: string, theme = 'default'): Promise<Page> {
  const page = await browser.newPage();
  const hostUrl = new URL('/__fake-teams-host', ctx.url).toString();
  await page.route(hostUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: fakeTeamsHostPage({ tabPath: '/teams/bilan', theme, token }) }),
  );
  await page.goto(hostUrl);
  return page;
}

function tab(page: Page) {
  const frame = page.frames().find((f) => f.url().endsWith('/teams/bilan'));
  if (!frame) throw new Error('tab frame not found');
  return frame;
}

describe('the « Mon bilan » tab in a (fake) Teams client, in Chromium', () => {
  it('shows the signed-in user’s report with the radar chart, in the Teams theme, and follows theme changes', async () => {
    const user = await diagnosedUser();
    const token = await ctx.connector.ssoToken({ tid: user.tenantId, oid: user.aadObjectId, aud: APP_ID_URI });
    const page = await openInTeams(token, 'dark');
    const frame = tab(page);
    await frame.locator('#report h1', { hasText: 'Mon bilan' }).waitFor();
    await frame.locator('svg.chart').first().waitFor();
    expect(await frame.locator('.meta').innerText()).toMatch(/Association/);
    expect(await frame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const darkBackground = await frame.evaluate(() => getComputedStyle(document.querySelector('.report')!).backgroundColor);
    expect(darkBackground).toBe('rgb(41, 41, 41)');

    await page.evaluate(() => (window as unknown as { changeTheme(t: string): void }).changeTheme('contrast'));
    await frame.waitForFunction(() => document.documentElement.dataset.theme === 'contrast');
    expect(await frame.evaluate(() => getComputedStyle(document.querySelector('.report')!).backgroundColor)).toBe('rgb(0, 0, 0)');
    expect(await page.evaluate(() => (window as unknown as { hostLog: string[] }).hostLog)).toEqual(
      expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']),
    );
    await page.close();
  });

  it('shows nothing of the user’s report when Teams hands over a forged token', async () => {
    const user = await diagnosedUser();
    const forged = await ctx.connector.ssoToken({ tid: user.tenantId, oid: user.aadObjectId, aud: APP_ID_URI }, { forged: true });
    const page = await openInTeams(forged);
    const frame = tab(page);
    await frame.locator('text=votre bilan reste privé').waitFor();
    expect(await frame.locator('svg.chart').count()).toBe(0);
    expect(await frame.locator('body').innerText()).not.toMatch(/Association/);
    await page.close();
  });

  it('opened outside Teams, says where to find the report', async () => {
    const page = await browser.newPage();
    await page.goto(new URL('/teams/bilan', ctx.url).toString());
    await page.locator('text=s\'ouvre dans Teams').waitFor();
    expect(await page.locator('[data-state="outside"]').isVisible()).toBe(true);
    expect(await page.locator('[data-state="loading"]').isVisible()).toBe(false);
    await page.close();
  });
});
