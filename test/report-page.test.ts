import { describe, expect, it } from 'vitest';
import { SignedLinks } from '../src/services/signed-links.js';
import { deriveSigningKeys } from '../src/channels/web/signing-keys.js';
import { TEST_NOW } from './helpers/clock.js';
import { useTestServer } from './helpers/test-server.js';
import { throughStep2OnWeb } from './helpers/web-client.js';

const SECRET = 'a-test-cookie-secret-of-at-least-32-chars';
/** The key the server derives from SECRET for report links. */
const REPORT_KEY = deriveSigningKeys(Buffer.from(SECRET))['report-link'];
const ctx = useTestServer({ env: { COOKIE_SECRET: SECRET } });

/** A web visitor who goes diagnosis → step 1 → step 2 → step 3 over the websocket. */
async function fullJourney() {
  const { client } = await ctx.visitor();
  await throughStep2OnWeb(client);
  await client.press('Continuer');
  for (const answer of [/besoin/, /déjà/, /besoin/, /Pas pour nous/]) await client.press(answer);
  const report = await client.ask('mon bilan');
  const link = report.flatMap((m) => m.cards ?? []).find((c) => c.url?.includes('/bilan/'))?.url;
  return { client, report, link: link! };
}

describe('the report page', () => {
  it('is reached from the chat after the 3 steps and shows both charts, tables and the next step', async () => {
    const { report, link } = await fullJourney();
    expect(report.map((m) => m.text).join('\n')).toMatch(/Étape 2 : votre modèle de partenariat est \*\*Partage d'expertise\*\*/);
    expect(link).toMatch(new RegExp(`^${ctx.url}bilan/`));
    const res = await fetch(link);
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    // Radar: 7 axes carrying the user's levels, plus the same figures as a table.
    const values = [...html.matchAll(/class="value" data-axis="([^"]+)" data-value="(\d*)"/g)].map((m) => [m[1], m[2]]);
    expect(values).toHaveLength(7);
    expect(values.map((v) => v[1])).toEqual(['4', '4', '2', '4', '4', '4', '1']);
    expect(html).toContain('<th scope="row">Évaluer sa pertinence</th><td>1/4 · À explorer</td>');
    // Carré magique with the user's barycentre, and its table.
    expect(html).toMatch(/<svg[^>]+class="chart carre"/);
    expect(html).toMatch(/class="point me"/);
    expect(html).toContain('La proposition de valeur <span class="category">→ Innovation sociétale</span></th><td class="num">56\u00a0%</td>');
    expect(html).toContain('Partage d&#39;expertise');
    expect(html).toMatch(/Ronalpia.*département 69 \(le vôtre\)/);
    expect(html).toContain('Évaluation du partenariat');
    // The summary at the top, dated as the French write it, and the next steps as links into the chat.
    expect(html).toMatch(/établi le 1er[\s\u00a0]décembre 2026/);
    expect(html).toMatch(/4 étapes sur 5 faites/);
    const next = /<ol class="next-actions">([\s\S]*?)<\/ol>/.exec(html)![1]!;
    expect([...next.matchAll(/<a class="chat-link" href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
      ['/?commande=evaluation', 'Évaluer votre partenariat, quand il est en route'],
      ['/?commande=jumelage', 'Inviter votre partenaire à comparer vos objectifs (jumelage)'],
    ]);
    expect(next).toMatch(/Consulter\u00a0: /);
    expect(html).toContain(`<p class="step-todo">Pas encore d'évaluation.`);
  });

  it('refuses a forged or tampered link with a French page that reveals nothing', async () => {
    const { link } = await fullJourney();
    const token = link.split('/bilan/')[1]!;
    const [payload, signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ u: 'someone-else', e: TEST_NOW.getTime() + 1e9 })).toString('base64url');
    for (const bad of [`${otherPayload}.${signature}`, `${payload}.AAAA${signature!.slice(4)}`, 'nimportequoi', `${payload}`]) {
      const res = await fetch(new URL(`/bilan/${bad}`, ctx.url));
      const html = await res.text();
      expect(res.status).toBe(404);
      expect(html).toMatch(/Ce lien de bilan n'est pas valable/);
      expect(html).not.toMatch(/69|Association|svg/);
    }
  });

  it('says an expired link has expired, and the bot gives a fresh one', async () => {
    const { client, link } = await fullJourney();
    const userId = new SignedLinks(REPORT_KEY, 1).check(link.split('/bilan/')[1]!, new Date(0));
    expect(userId.ok).toBe(true);
    // The server's clock starts at TEST_NOW: a link issued 10 s before, valid 1 s, has expired there.
    const expired = new SignedLinks(REPORT_KEY, 1000).issue(userId.ok ? userId.userId : '', new Date(TEST_NOW.getTime() - 10_000));
    const res = await fetch(new URL(`/bilan/${expired}`, ctx.url));
    expect(res.status).toBe(410);
    expect(await res.text()).toMatch(/Ce lien a expiré/);
    const again = await client.ask('mon bilan');
    const fresh = again.flatMap((m) => m.cards ?? []).find((c) => c.url?.includes('/bilan/'))!.url!;
    expect((await fetch(fresh)).status).toBe(200);
  });
});
