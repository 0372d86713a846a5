import { beforeEach, describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { buttons, onboardInTeams, subscribeToJeudisInTeams, type TeamsUser, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';
import { onboardOnWeb, subscribeToJeudisOnWeb, type WebVisitor } from './helpers/web-client.js';

const THURSDAY_9H = new Date('2026-12-03T08:00:00Z');
const { labels } = content.ui;

/** The server's clock: Monday 30 November 2026 unless a test moves it. */
let clock = new Date('2026-11-30T10:00:00Z');
beforeEach(() => {
  clock = new Date('2026-11-30T10:00:00Z');
});
const ctx = useTeamsServer({ jeudisBackoff: { baseMs: 20, maxMs: 200 }, now: () => clock });

async function subscribedInTeams(): Promise<TeamsUser> {
  const user = ctx.user();
  await onboardInTeams(user);
  await subscribeToJeudisInTeams(user);
  ctx.connector.clear();
  return user;
}

async function subscribedOnTheWeb(): Promise<WebVisitor> {
  const visitor = await ctx.visitor();
  await onboardOnWeb(visitor.client);
  await subscribeToJeudisOnWeb(visitor.client);
  return visitor;
}

describe('the Thursday broadcast in Teams (proactive, through the fake connector)', () => {
  it('sends each subscriber one personal prompt at their hour, and never a second one that day', async () => {
    const user = await subscribedInTeams();
    expect(await ctx.server.jeudis.tick(new Date('2026-12-03T07:59:00Z'))).toBeUndefined();
    expect(ctx.connector.sent).toEqual([]);

    const summary = await ctx.server.jeudis.tick(THURSDAY_9H);
    expect(summary).toMatchObject({ due: 1, sent: 1 });
    const [prompt] = ctx.connector.to(user.conversationId);
    expect(text([prompt!])).toMatch(/C'est jeudi : votre rendez-vous, inspiré des Jeudis de l'ODD/);
    expect(buttons([prompt!]).map((b) => b.title)).toEqual([labels.jeudisStart, labels.jeudisResource, labels.jeudisPause]);

    await ctx.server.jeudis.tick(new Date('2026-12-03T08:01:00Z'));
    await ctx.server.jeudis.tick(new Date('2026-12-03T16:00:00Z'));
    expect(ctx.connector.to(user.conversationId)).toHaveLength(1);
  });

  it('lets the user press the prompt’s Pause button and skips them while they are away', async () => {
    const user = await subscribedInTeams();
    await ctx.server.jeudis.tick(THURSDAY_9H);
    clock = new Date('2026-12-03T08:10:00Z');
    await user.post(user.activity({ type: 'message', text: labels.jeudisPause, value: JSON.stringify({ answer: 'cmd:jeudisPause', label: labels.jeudisPause }) }));
    const { replies } = await user.press('1 semaine');
    expect(text(replies)).toMatch(/pas de message pendant 1 semaine\. Prochain rendez-vous : jeudi 17 décembre à 9 h/);
    ctx.connector.clear();
    await ctx.server.jeudis.tick(new Date('2026-12-10T08:00:00Z'));
    expect(ctx.connector.sent).toEqual([]);
    await ctx.server.jeudis.tick(new Date('2026-12-17T08:00:00Z'));
    expect(ctx.connector.to(user.conversationId)).toHaveLength(1);
  });

  it('themes the 3rd Thursday of the month on the prospective cycle', async () => {
    const user = await subscribedInTeams();
    await ctx.server.jeudis.tick(new Date('2026-12-17T08:00:00Z'));
    expect(text(ctx.connector.to(user.conversationId))).toMatch(/3e jeudi du mois : mon thème prospectif.*inspire du cycle prospectif/s);
  });

  it('honours « stop jeudis »', async () => {
    const user = await subscribedInTeams();
    await user.say('stop jeudis');
    ctx.connector.clear();
    expect(await ctx.server.jeudis.tick(THURSDAY_9H)).toBeUndefined();
    expect(ctx.connector.sent).toEqual([]);
  });

  it('retries after a 429, waiting the Retry-After, then delivers once', async () => {
    const user = await subscribedInTeams();
    ctx.connector.failNext(user.conversationId, { status: 429, retryAfter: '1' }, { status: 503 });
    const started = Date.now();
    const summary = await ctx.server.jeudis.tick(THURSDAY_9H);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(summary).toMatchObject({ sent: 1, deferred: 0, failed: 0 });
    expect(ctx.connector.refused.map((r) => r.status)).toEqual([429, 503]);
    expect(ctx.connector.to(user.conversationId)).toHaveLength(1);
  });

  it('deactivates the subscription of a user whose conversation refuses the bot (403) and logs nothing else to them', async () => {
    const user = await subscribedInTeams();
    ctx.connector.failNext(user.conversationId, { status: 403 });
    expect(await ctx.server.jeudis.tick(THURSDAY_9H)).toMatchObject({ deactivated: 1, sent: 0 });
    await ctx.server.store.flush();
    expect((await ctx.server.store.read(user.recordId))?.jeudis?.deactivated?.reason).toMatch(/403/);
    await ctx.server.jeudis.tick(new Date('2026-12-10T08:00:00Z'));
    expect(ctx.connector.refused).toHaveLength(1);
    expect(ctx.connector.sent).toEqual([]);
  });

  it('deactivates the subscription of a user who removed the app, once', async () => {
    const user = await subscribedInTeams();
    await user.post(user.activity({ type: 'installationUpdate', action: 'remove' }));
    expect(await ctx.server.jeudis.tick(THURSDAY_9H)).toMatchObject({ deactivated: 1 });
    expect(await ctx.server.jeudis.tick(new Date('2026-12-10T08:00:00Z'))).toBeUndefined();
    expect(ctx.connector.sent).toEqual([]);
  });

  it('leaves a user whose sends keep failing for a later tick the same day, then delivers', async () => {
    const user = await subscribedInTeams();
    ctx.connector.failNext(user.conversationId, ...Array.from({ length: 4 }, () => ({ status: 502 })));
    expect(await ctx.server.jeudis.tick(THURSDAY_9H)).toMatchObject({ deferred: 1, sent: 0 });
    expect(await ctx.server.jeudis.tick(new Date('2026-12-03T08:01:00Z'))).toMatchObject({ sent: 1 });
    expect(ctx.connector.to(user.conversationId)).toHaveLength(1);
  });
});

describe('the Thursday broadcast on the web chat', () => {
  it('shows the prompt live to a user who has the page open', async () => {
    const { client } = await subscribedOnTheWeb();
    const before = client.messages().length;
    await ctx.server.jeudis.tick(THURSDAY_9H);
    await client.waitFor((m) => m.length > before);
    const prompt = client.messages().slice(before).find((m) => /C'est jeudi/.test(m.text ?? ''));
    expect(prompt?.quick_replies?.map((q) => q.payload)).toEqual(['cmd:jeudisContinue', 'cmd:jeudisResource', 'cmd:jeudisPause']);
    await ctx.server.store.flush();
    const [id] = (await ctx.server.store.ids());
    expect((await ctx.server.store.read(id!))?.inbox).toEqual([]);
  });

  it('keeps the prompt for a user who is away and shows it at the next visit', async () => {
    const { client, cookie } = await subscribedOnTheWeb();
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await ctx.server.jeudis.tick(THURSDAY_9H);
    const back = await ctx.connect(cookie);
    back.send({ type: 'welcome_back' });
    await back.waitFor((m) => m.some((x) => /C'est jeudi/.test(x.text ?? '')));
    const texts = back.messages().map((m) => m.text ?? '');
    expect(texts.findIndex((t) => /Pendant votre absence/.test(t))).toBeLessThan(texts.findIndex((t) => /C'est jeudi/.test(t)));
  });
});
