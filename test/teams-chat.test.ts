import { describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { buttons, cards, onboardInTeams as onboard, readable, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';
import { adaptiveCardProblems } from './helpers/adaptive-cards.js';

const ctx = useTeamsServer();

describe('Teams personal chat (development mode, fake connector)', () => {
  it('welcomes the user once when the app is installed, with the profile question as card buttons', async () => {
    const user = ctx.user();
    const first = await user.install();
    expect(first.status).toBe(200);
    expect(text(first.replies)).toMatch(/Compagnon ODD 17/);
    const card = first.replies.flatMap((r) => r.activity.attachments ?? [])[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.version).toBe('1.5');
    expect(buttons(first.replies).map((b) => b.title)).toEqual(expect.arrayContaining([expect.stringMatching(/^Association/)]));

    const again = await user.install();
    expect(again.status).toBe(200);
    expect(again.replies).toEqual([]);
  });

  it('stores where to reach the user for a proactive message', async () => {
    const user = ctx.user();
    await user.install();
    await ctx.server.store.flush();
    const record = (await ctx.server.store.read(user.recordId));
    expect(record?.teams?.reference).toMatchObject({
      serviceUrl: ctx.connector.url,
      conversation: { id: user.conversationId },
      user: { id: user.fromId },
    });
    expect(record?.teams?.tenantId).toBe(user.tenantId);
  });

  it('runs a whole diagnosis with card buttons and returns tool cards with a reason and an « Ouvrir » link', async () => {
    const user = ctx.user();
    await onboard(user);
    await user.press(/Diagnostic/);
    let last = user.lastReplies();
    for (let i = 0; i < content.needs.length; i++) {
      expect(text(last)).toContain(`Besoin ${i + 1}/7`);
      last = (await user.press(i === 6 ? /^1 ·/ : /^3 ·/)).replies;
    }
    const tools = cards(last).filter((c) => c.link && /^https?:\/\//.test(c.link.url));
    expect(tools.length).toBeGreaterThanOrEqual(3);
    for (const tool of tools) {
      expect(tool.link!.title).toBe(content.ui.labels.openLink);
      // One line says why it was chosen (the need it serves, or the profile it fits).
      expect(tool.texts.join(' ')).toMatch(/«|Vous êtes/);
      expect(content.tools.map((t) => t.title)).toContain(tool.title);
    }
  });

  it('takes a typed answer where a button was offered', async () => {
    const user = ctx.user();
    await onboard(user);
    await user.say('diagnostic');
    expect(text(user.lastReplies())).toContain('Besoin 1/7');
    const { replies } = await user.say('2');
    expect(text(replies)).toContain('Besoin 2/7');
  });

  it('answers a free-text question with its source', async () => {
    const user = ctx.user();
    await onboard(user);
    const { replies } = await user.say("c'est quoi un PTCE ?");
    expect(text(replies)).toMatch(/PTCE|pôles? territoria/i);
    expect(text(replies)).toMatch(/Source/);
  });

  it('opens every menu entry from its card button, each with its own first question', async () => {
    const user = ctx.user();
    await onboard(user);
    const { labels } = content.ui;
    const opens: Array<[string, RegExp]> = [
      [labels.method, /étape/i],
      [labels.evaluation, /évaluation/i],
      [labels.pairing, /jumelage|partenaire/i],
      [labels.question, /question/i],
      [labels.report, /Mon bilan/],
      [labels.profile, /organisation/i],
      [labels.diagnosis, /Besoin 1\/7/],
    ];
    for (const [entry, opened] of opens) {
      await user.say('menu');
      const { status, replies } = await user.press(entry);
      expect(status, entry).toBe(200);
      expect(readable(replies), entry).toMatch(opened);
      expect(text(replies), entry).not.toMatch(/souci technique|pas compris/);
    }
  });

  it('runs step 1 of the method: 4 objectives weighted by buttons and typing, then the blend', async () => {
    const user = ctx.user();
    await onboard(user);
    await user.say('méthode');
    await user.press(/^Étape 1/);
    await user.press(/^1\b/);
    await user.say('2');
    await user.press(/^5\b/);
    const { replies } = await user.say('4');
    expect(text(replies)).toMatch(/Innovation sociétale \(la proposition de valeur\) : \*\*42 %\*\*/);
    await ctx.server.store.flush();
    expect((await ctx.server.store.read(user.recordId))?.method.objectives?.weights).toEqual({
      processus: 1,
      'business-model': 2,
      'proposition-de-valeur': 5,
      positionnement: 4,
    });
  });

  it('answers an empty or an over-long message clearly and keeps the pending question', async () => {
    const user = ctx.user();
    await onboard(user);
    await user.say('diagnostic');
    const empty = await user.say('');
    expect(text(empty.replies)).toMatch(/vide/);
    expect(text(empty.replies)).toContain('Besoin 1/7');
    const long = await user.say('a'.repeat(5000));
    expect(text(long.replies)).toMatch(/trop long/);
    expect(text(long.replies)).toContain('Besoin 1/7');
  });

  it('answers every command listed in the app manifest with what it names', async () => {
    const user = ctx.user();
    await onboard(user);
    const expected: Record<string, RegExp> = {
      menu: /Diagnostic des 7 besoins/,
      diagnostic: /Besoin 1\/7/,
      méthode: /étape/i,
      question: /question/i,
      aide: /guider pas à pas/,
      jeudis: /animation hebdomadaire des «\sJeudis de l'ODD 17\s»/,
      bilan: /Mon bilan/,
    };
    expect(Object.keys(expected).sort()).toEqual(content.teamsApp.commands.map((c) => c.title).sort());
    for (const command of content.teamsApp.commands) {
      const { replies } = await user.say(command.title);
      const said = readable(replies) + buttons(replies).map((b) => b.title).join(' ');
      expect(said, command.title).toMatch(expected[command.title]!);
      expect(said, command.title).not.toMatch(/pas compris|pas sûr/i);
      await user.say('menu');
    }
  });

});

describe('the cards Teams receives', () => {
  it('are valid Adaptive Cards 1.5 with whole button titles, in rows of 2 to 6, along a whole journey', async () => {
    const user = ctx.user();
    await onboard(user);
    await user.press(/Diagnostic/);
    for (let i = 0; i < content.needs.length; i++) await user.press(/^2 ·/);
    // Topics with long titles, the 11 weights of step 1, the Thursday hours, the report.
    await user.say('comment valoriser le faire alliance ?');
    await user.say('c’est quoi le référentiel co-construction territoriale ?');
    await user.say('méthode');
    await user.say('jeudis');
    await user.press(content.ui.labels.jeudisSubscribe);
    await user.press('9 h');
    await user.say('je suis en congés');
    await user.say('bilan');
    const attachments = ctx.connector.sent.flatMap((s) => s.activity.attachments ?? []);
    expect(attachments.length).toBeGreaterThan(15);
    for (const a of attachments) {
      expect(adaptiveCardProblems(a.content)).toEqual([]);
      const sets: Array<{ actions: Array<{ title: string }> }> = [];
      const walk = (elements: Array<{ type: string; items?: unknown[]; actions?: Array<{ title: string }> }> = []) => {
        for (const e of elements) {
          if (e.type === 'ActionSet') sets.push(e as (typeof sets)[number]);
          walk(e.items as typeof elements);
        }
      };
      walk(a.content.body as Parameters<typeof walk>[0]);
      for (const set of sets) {
        expect(set.actions.length).toBeLessThanOrEqual(6);
        for (const action of set.actions) expect([...action.title].length, action.title).toBeLessThanOrEqual(40);
      }
      // A lone button on the last row of several (« 17 h » under five hours) never happens.
      const rows = sets.filter((set) => set.actions.every((action) => (action as { type?: string }).type === 'Action.Submit'));
      if (rows.length > 1) expect(rows.at(-1)!.actions.length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('Teams team and group chats', () => {
  it('introduces itself once when added to a team, and then stays quiet unless mentioned', async () => {
    const member = ctx.user({ conversationType: 'channel', conversationId: '19:general@thread.tacv2' });
    const added = await member.install();
    expect(text(added.replies)).toMatch(/mentionne/);
    // Teams may announce the arrival again (another member's client, a retry): said once, also after a restart.
    expect((await member.install()).replies).toEqual([]);
    await ctx.restart();
    expect((await member.install()).replies).toEqual([]);
    const elsewhere = ctx.user({ conversationType: 'groupChat', conversationId: '19:another-group@thread.v2' });
    expect(text((await elsewhere.install()).replies)).toMatch(/mentionne/);

    const chatter = await member.say('On se voit jeudi pour le diagnostic ?');
    expect(chatter.status).toBe(200);
    expect(chatter.replies).toEqual([]);
  });

  it('answers a message that mentions it, with the mention removed from the text', async () => {
    const member = ctx.user({ conversationType: 'groupChat', conversationId: '19:group@thread.v2' });
    const mention = '<at>Compagnon ODD 17</at>';
    const { replies } = await member.say(`${mention} qui es-tu ?`, {
      entities: [{ type: 'mention', text: mention, mentioned: { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Compagnon ODD 17' } }],
    });
    expect(replies.length).toBeGreaterThan(0);
    expect(text(replies)).not.toContain('<at>');
    expect(text(replies)).toMatch(/Compagnon ODD 17/);
  });
});

describe('Les Jeudis in the personal chat', () => {
  it('says the prompt will come in this chat, and offers no calendar link (Teams writes first)', async () => {
    const user = ctx.user();
    await onboard(user);
    await user.say('jeudis');
    await user.press(content.ui.labels.jeudisSubscribe);
    const { replies } = await user.press('9 h');
    expect(text(replies)).toMatch(/Il arrivera ici, dans notre conversation privée de Teams/);
    expect(text(replies)).not.toMatch(/agenda|notification/);
    expect(cards(replies).map((c) => c.title)).not.toContain(content.ui.labels.jeudisCalendar);
  });
});

describe('Les Jeudis from a group chat', () => {
  it('asks for a personal chat before subscribing someone the bot cannot write to first', async () => {
    const member = ctx.user({ conversationType: 'groupChat', conversationId: '19:group-jeudis@thread.v2' });
    const mention = '<at>Compagnon ODD 17</at>';
    const entities = [{ type: 'mention', text: mention, mentioned: { id: '28:00000000-0000-0000-0000-0000000000b0', name: 'Compagnon ODD 17' } }];
    const { replies } = await member.say(`${mention} jeudis`, { entities });
    expect(replies).toHaveLength(1);
    expect(text(replies)).toMatch(/conversation privée/);
    expect(buttons(replies)).toEqual([]);
    await ctx.server.store.flush();
    expect((await ctx.server.store.read(member.recordId))?.jeudis).toBeUndefined();
  });
});

describe('Teams endpoint robustness', () => {
  it('refuses malformed JSON and a body that is not an activity, and keeps serving', async () => {
    const bad = await fetch(ctx.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"type": "message",' });
    expect(bad.status).toBe(400);
    const notActivity = await fetch(ctx.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ hello: 'world' }) });
    expect(notActivity.status).toBe(400);
    const user = ctx.user();
    expect((await user.install()).replies.length).toBeGreaterThan(0);
  });

  it('in development mode, refuses an activity whose serviceUrl is not on this machine', async () => {
    const user = ctx.user();
    const { status } = await user.post(user.activity({ type: 'message', text: 'menu', serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    expect(status).toBe(403);
    expect(ctx.connector.sent).toEqual([]);
  });

  it('forgets the conversation reference when the user removes the app', async () => {
    const user = ctx.user();
    await user.install();
    await user.post(user.activity({ type: 'installationUpdate', action: 'remove' }));
    const record = (await ctx.server.store.read(user.recordId));
    expect(record).toBeDefined();
    expect(record?.teams).toBeUndefined();
  });
});
