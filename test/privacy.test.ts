import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { TEST_NOW, testClock } from './helpers/clock.js';
import { useTestServer } from './helpers/test-server.js';
import { newUserRecord } from '../src/domain/user-record.js';
import { ErasedUserError } from '../src/infra/storage/user-store.js';
import { greet, onboardOnWeb, subscribeToJeudisOnWeb } from './helpers/web-client.js';
import { eventually } from './helpers/eventually.js';

const { labels } = content.ui;
const ctx = useTestServer();

/** A web visitor with a profile, subscribed to the Thursday prompts. */
async function visitor() {
  const { client, cookie } = await ctx.visitor();
  await onboardOnWeb(client);
  await subscribeToJeudisOnWeb(client);
  return Object.assign(client, { cookie });
}

const cardUrl = (frames: Array<{ cards?: Array<{ url?: string }> }>, pattern: RegExp) =>
  frames.flatMap((f) => f.cards ?? []).map((c) => c.url ?? '').find((u) => pattern.test(u));

describe('RGPD self-service', () => {
  it('« mes données » gives a personal link to a readable page of everything stored, with a « Télécharger (JSON) » button', async () => {
    const client = await visitor();
    const replies = await client.ask('mes données');
    expect(replies.map((r) => r.text).join('\n')).toMatch(/une page qui montre tout ce que je garde à votre sujet.*« Télécharger \(JSON\) »/);
    const url = cardUrl(replies, /\/mes-donnees\//);
    expect(url).toBeDefined();
    const page = await fetch(url!);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = (await page.text()).replace(/[\u00a0\u202f]/g, ' ');
    expect(html).toMatch(/<h1>Mes données<\/h1>/);
    expect(html).toMatch(/<dt>Type d'organisation<\/dt><dd>Association<\/dd>/);
    expect(html).toMatch(/Rhône \(69\)/);
    expect(html).toMatch(/active, chaque jeudi à 9 h \(heure de Paris\)/);
    const download = /<a class="button" href="([^"]+)" download>Télécharger \(JSON\)<\/a>/.exec(html)?.[1];
    expect(download).toMatch(/^\/mes-donnees\/[^/]+\/json$/);

    const res = await fetch(new URL(download!, url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="compagnon-odd17-mes-donnees.json"/);
    const data = (await res.json()) as { user: { id: string; profile: { actor: string; departement: string }; jeudis: { hour: number } } };
    expect(data.user.profile).toMatchObject({ actor: 'association', departement: '69' });
    expect(data.user.jeudis.hour).toBe(9);
    // The link is the user's own: altered, it opens nothing, neither the page nor the file.
    const altered = url!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await fetch(altered)).status).toBe(404);
    expect((await fetch(`${altered}/json`)).status).toBe(404);
    // And a report link cannot open the export.
    const report = cardUrl(await client.ask('mon bilan'), /\/bilan\//)!;
    expect((await fetch(url!.replace(/\/mes-donnees\/.*/, `/mes-donnees/${report.split('/bilan/')[1]}`))).status).toBe(404);
  });

  it('the privacy page names the controller and the contact from the configuration, what is kept and how long, the rights and the CNIL', async () => {
    const plain = async (base: string) => (await (await fetch(new URL('/confidentialite', base))).text()).replace(/[\u00a0\u202f]/g, ' ');
    // Not configured: the page says that the operator has to fill them in.
    const unset = await plain(ctx.url);
    expect(unset.match(/Non renseigné\./g)).toHaveLength(2);
    await ctx.restart({ env: { PRIVACY_CONTROLLER: 'Association Exemple, 1 rue de la Paix, 75002 Paris', PRIVACY_CONTACT: 'dpo@exemple.org' } });
    const page = await plain(ctx.url);
    expect(page).not.toMatch(/Non renseigné/);
    expect(page).toContain('Association Exemple, 1 rue de la Paix, 75002 Paris');
    expect(page).toContain('<a href="mailto:dpo@exemple.org">dpo@exemple.org</a>');
    expect(page).toMatch(/2 ans sans aucun message de votre part/);
    expect(page).toMatch(/13 mois sans visite/);
    expect(page).toMatch(/10 semaines/);
    for (const command of ['mes données', 'modifier mon profil', 'supprimer mes données', 'stop jeudis']) expect(page).toContain(`« ${command} »`);
    expect(page).toContain('href="https://www.cnil.fr/fr/plaintes"');
    expect(page).toMatch(/Commission nationale de l'informatique et des libertés/);
    // Linked from the chat's footer.
    const chat = await (await fetch(ctx.url)).text();
    expect(chat).toMatch(/<footer class="app-footer"[^>]*>\s*<a href="\/confidentialite"/);
  });

  it('« supprimer mes données » asks first; « non » keeps everything', async () => {
    const client = await visitor();
    const ask = await client.ask('supprimer mes données');
    expect(ask.map((f) => f.text).join('\n')).toMatch(/effacer \*\*toutes vos données\*\*/);
    await client.press(new RegExp(labels.eraseCancel));
    expect((await ctx.server.store.ids())).toHaveLength(1);
  });

  it('after confirmation erases the record, the pairing invitations and the subscription, and report links stop working', async () => {
    const client = await visitor();
    await client.ask('jumelage');
    await client.press(new RegExp(labels.pairingInvite));
    const report = cardUrl(await client.ask('mon bilan'), /\/bilan\//)!;
    const exportUrl = cardUrl(await client.ask('mes données'), /\/mes-donnees\//)!;
    expect((await fetch(report)).status).toBe(200);
    expect(ctx.server.store.invites()).toHaveLength(1);
    const [erasedId] = (await ctx.server.store.ids());
    if (!erasedId) throw new Error('the visitor has no record');

    await client.ask('supprimer mes données');
    const before = client.messages().length;
    client.send({ type: 'message', text: labels.eraseConfirm, value: 'erase:yes' });
    await client.waitFor((m) => m.length > before);
    expect(client.messages().at(-1)!.text).toMatch(/toutes vos données sont effacées/);
    await ctx.server.store.flush();
    expect((await ctx.server.store.ids())).toEqual([]);
    expect(ctx.server.store.invites()).toEqual([]);
    expect((await fetch(report)).status).toBe(404);
    expect((await fetch(exportUrl)).status).toBe(404);
    // No file of the data directory names them any more (snapshot, backup, log, journal).
    const files = readdirSync(ctx.dir, { recursive: true }).map(String).filter((f) => statSync(path.join(ctx.dir, f)).isFile());
    const naming = files.filter((f) => readFileSync(path.join(ctx.dir, f)).includes(erasedId));
    expect(naming).toEqual([]);

    // Coming back (a new visit) starts afresh, with the welcome of a new user, under a new
    // identity: the erased id is never given a record again, so the old links stay dead.
    const page = await fetch(ctx.url, { headers: { cookie: client.cookie } });
    const fresh = page.headers.get('set-cookie')?.split(';')[0] ?? client.cookie;
    const again = await greet(await ctx.connect(fresh));
    expect(again.messages().map((f) => f.text).join('\n')).toMatch(/Compagnon ODD 17/);
    await again.press(/^Association/);
    await ctx.server.store.flush();
    // The links issued before the erasure open nothing, now that the person is back.
    expect((await fetch(report)).status).toBe(404);
    expect((await fetch(exportUrl)).status).toBe(404);
    expect(ctx.server.store.wasErased(erasedId)).toBe(true);
    expect(() => ctx.server.store.put(newUserRecord(erasedId, 'web', TEST_NOW))).toThrow(ErasedUserError);
    expect((await ctx.server.store.ids())).toHaveLength(1);
    expect((await ctx.server.store.ids())).not.toContain(erasedId);
    expect((await ctx.server.store.read((await ctx.server.store.ids())[0]!))?.profile.departement).toBeUndefined();
    expect((await ctx.server.store.read((await ctx.server.store.ids())[0]!))?.jeudis).toBeUndefined();
  });
});

describe('retention', () => {
  it('erases at start-up the users inactive for longer than RETENTION_DAYS, and keeps the others', async () => {
    await ctx.stop();
    const { UserStore } = await import('../src/infra/storage/user-store.js');
    const { newUserRecord } = await import('../src/domain/user-record.js');
    const store = await UserStore.open(ctx.dir, { now: testClock(), flushDelayMs: 0 });
    store.put({ ...newUserRecord('old', 'web', new Date('2024-01-01T00:00:00Z')) });
    store.put({ ...newUserRecord('recent', 'web', new Date('2026-10-01T00:00:00Z')) });
    await store.close();
    await ctx.start({ env: { RETENTION_DAYS: '365' }, now: () => new Date('2026-11-23T00:00:00Z') });
    // The first pass runs once the server is up (it reads every user's file).
    await eventually(async () => expect(await ctx.server.store.ids()).toEqual(['recent']));
  });
});
