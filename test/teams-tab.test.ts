import { describe, expect, it } from 'vitest';
import { APP_ID, APP_ID_URI } from './helpers/registered-server.js';
import { cards, type TeamsUser, TENANT } from './helpers/teams-client.js';
import { useTeamsServer, useTestServer } from './helpers/test-server.js';

describe('the « Mon bilan » Teams tab', () => {
  const ctx = useTeamsServer({ registered: true });

  /** A Teams user who installed the app and answered the profile with the given actor button. */
  async function teamsUser(actor: RegExp, dimension: RegExp) {
    const user = ctx.user({ appId: APP_ID });
    await user.install();
    await user.press(actor);
    await user.press(dimension);
    await user.say('1');
    await user.say('69');
    return user;
  }

  async function tabContent(token?: string) {
    const res = await fetch(new URL('/teams/bilan/contenu', ctx.url), token ? { headers: { Authorization: `Bearer ${token}` } } : {});
    return { status: res.status, html: await res.text() };
  }

  function tokenFor(user: TeamsUser, options: { forged?: boolean; expired?: boolean } = {}, aud = APP_ID_URI) {
    return ctx.connector.ssoToken({ tid: user.tenantId, oid: user.aadObjectId, aud }, options);
  }

  it('shows each user their own report and nobody else’s', async () => {
    const association = await teamsUser(/^Association/, /employeuse/i);
    const company = await teamsUser(/^Entreprise/, /.+/);

    const mine = await tabContent(await tokenFor(association));
    expect(mine.status).toBe(200);
    expect(mine.html).toMatch(/Association/);
    expect(mine.html).not.toMatch(/Entreprise/);

    const theirs = await tabContent(await tokenFor(company));
    expect(theirs.status).toBe(200);
    expect(theirs.html).toMatch(/Entreprise/);
    expect(theirs.html).not.toMatch(/employeuse/);
  });

  it('says what to type in the conversation for the next steps, with no link into the web chat', async () => {
    const user = await teamsUser(/^Association/, /employeuse/i);
    const { html } = await tabContent(await tokenFor(user));
    const next = /<ol class="next-actions">([\s\S]*?)<\/ol>/.exec(html)![1]!;
    expect(next).toMatch(/<strong>Faire le diagnostic des 7 besoins<\/strong>\s:\sécrivez «\sdiagnostic\s» au compagnon dans la conversation/);
    expect(next).toMatch(/<strong>Commencer par l'étape 1 · vos objectifs<\/strong>\s:\sécrivez «\sétape 1\s»/);
    expect(html).not.toContain('/?commande=');
    // Nothing to type a name in: the tab runs no script of the report page.
    expect(html).not.toContain('id="org-name"');
  });

  it('refuses a token without a valid Entra signature, expired, or issued for another app', async () => {
    const user = await teamsUser(/^Association/, /employeuse/i);
    for (const token of [await tokenFor(user, { forged: true }), await tokenFor(user, { expired: true }), await tokenFor(user, {}, 'api://elsewhere/app')]) {
      const res = await tabContent(token);
      expect(res.status).toBe(401);
      expect(res.html).not.toMatch(/Association|employeuse/);
      expect(res.html).toMatch(/identité/);
    }
    expect((await tabContent()).status).toBe(401);
  });

  it('does not give a user of another tenant with the same object id this user’s report', async () => {
    const user = await teamsUser(/^Association/, /employeuse/i);
    const other = await ctx.connector.ssoToken({ tid: '99999999-8888-7777-6666-555555555555', oid: user.aadObjectId, aud: APP_ID_URI });
    const res = await tabContent(other);
    expect(res.status).toBe(404);
    expect(res.html).not.toMatch(/employeuse/);
  });

  it('tells a user without a report yet how to start one', async () => {
    const res = await ctx.connector.ssoToken({ tid: TENANT, oid: 'new-person', aud: APP_ID_URI }).then(tabContent);
    expect(res.status).toBe(404);
    expect(res.html).toMatch(/diagnostic/);
  });

  it('serves a tab page Teams may frame, with the Teams SDK from this server and a message for a browser outside Teams', async () => {
    const res = await fetch(new URL('/teams/bilan', ctx.url));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors[^;]*https:\/\/teams\.microsoft\.com/);
    expect(html).toContain('/teams/assets/MicrosoftTeams.min.js');
    expect(html).not.toMatch(/<script[^>]+src="https?:/);
    expect(html).toMatch(/s'ouvre dans Teams/);
    const sdk = await fetch(new URL('/teams/assets/MicrosoftTeams.min.js', ctx.url));
    expect(sdk.status).toBe(200);
    expect(await sdk.text()).toMatch(/microsoftTeams/);
    expect((await fetch(new URL('/teams/assets/tab.js', ctx.url))).status).toBe(200);
  });

  it('answers « mon bilan » in Teams with a link that opens the tab', async () => {
    const user = await teamsUser(/^Association/, /employeuse/i);
    const { replies } = await user.say('bilan');
    const links = cards(replies).map((c) => c.link?.url);
    expect(links).toContain(`https://teams.microsoft.com/l/entity/${APP_ID}/mon-bilan`);
    // The tab is always the current report: its card says nothing of a link that expires.
    const page = cards(replies).find((c) => c.link?.url.includes('/l/entity/'))!;
    expect(page.texts.join(' ')).toMatch(/onglet «\sMon bilan\s»/);
    expect(page.texts.join(' ')).not.toMatch(/expire/);
  });
});

describe('the tab without a bot registration', () => {
  const plain = useTestServer();

  it('says the tab is not configured rather than showing anything', async () => {
    const res = await fetch(new URL('/teams/bilan/contenu', plain.url), { headers: { Authorization: 'Bearer x' } });
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/pas encore configuré/);
  });
});
