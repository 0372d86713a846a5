import { describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import type { SentActivity } from './helpers/fake-connector.js';
import { buttons, cards, onboardInTeams, type TeamsUser, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';

const ctx = useTeamsServer();

const GROUP = '19:projet-alliance@thread.v2';

/** A user who has a personal chat with the bot (profile answered) and is also in a group chat with it. */
async function memberWithPersonalChat(): Promise<{ personal: TeamsUser; group: TeamsUser }> {
  const personal = ctx.user();
  await onboardInTeams(personal);
  const group = ctx.user({ aadObjectId: personal.aadObjectId, conversationType: 'groupChat', conversationId: GROUP });
  return { personal, group };
}

/** Everything the bot sent to a conversation since `from` (an index in connector.sent). */
function sentTo(conversationId: string, from: number): SentActivity[] {
  return ctx.connector.sent.slice(from).filter((s) => s.conversationId === conversationId);
}

/** What a group reply must never hold: a link, a card, a button, the user's profile or progress. */
function expectNothingPersonal(replies: SentActivity[]): void {
  const said = text(replies);
  expect(said).not.toMatch(/https?:\/\//);
  expect(said).not.toMatch(/mes-donnees|\/bilan\//);
  expect(said).not.toMatch(/association employeuse|Rhône|\(69\)|Besoin \d\/7/i);
  expect(replies.flatMap((r) => r.activity.attachments ?? [])).toEqual([]);
}

describe('personal data asked for in a Teams group chat', () => {
  it('« @bot mes données »: one line in the group, the export link only in the personal chat', async () => {
    const { personal, group } = await memberWithPersonalChat();
    const before = ctx.connector.sent.length;
    const { status, replies } = await group.mention('mes données');
    expect(status).toBe(200);
    expect(replies).toHaveLength(1);
    expect(text(replies)).toMatch(/conversation privée/);
    expectNothingPersonal(replies);

    const inPrivate = sentTo(personal.conversationId, before);
    const links = cards(inPrivate).map((c) => c.link?.url ?? '');
    expect(links.some((url) => url.includes('/mes-donnees/'))).toBe(true);
  });

  it('« @bot bilan »: one line in the group, the report in the personal chat', async () => {
    const { personal, group } = await memberWithPersonalChat();
    const before = ctx.connector.sent.length;
    const { replies } = await group.mention('bilan');
    expect(replies).toHaveLength(1);
    expectNothingPersonal(replies);
    const inPrivate = sentTo(personal.conversationId, before);
    expect(text(inPrivate)).toMatch(/Mon bilan/);
    expect(cards(inPrivate).some((c) => c.link?.url.includes('/bilan/'))).toBe(true);
  });

  it('« @bot supprimer mes données »: the confirmation is asked in the personal chat, nothing is erased from the group', async () => {
    const { personal, group } = await memberWithPersonalChat();
    const before = ctx.connector.sent.length;
    const { replies } = await group.mention('supprimer mes données');
    expect(replies).toHaveLength(1);
    expectNothingPersonal(replies);
    expect(buttons(replies)).toEqual([]);
    const inPrivate = sentTo(personal.conversationId, before);
    expect(buttons(inPrivate).map((b) => b.title)).toContain(content.ui.labels.eraseConfirm);
    // « oui » in the group is not the confirmation: it goes to the personal chat too, and the record stays until then.
    expect((await ctx.server.store.read(personal.recordId))).toBeDefined();
  });

  it('« @bot diagnostic » and then an answer in the group: the questions and the answers stay in the personal chat', async () => {
    const { personal, group } = await memberWithPersonalChat();
    const id = personal.recordId;
    let before = ctx.connector.sent.length;
    const started = await group.mention('diagnostic');
    expect(started.replies).toHaveLength(1);
    expectNothingPersonal(started.replies);
    expect(text(sentTo(personal.conversationId, before))).toContain('Besoin 1/7');

    // An answer to the pending question, typed in the group: taken, but answered in private.
    before = ctx.connector.sent.length;
    const answered = await group.mention('3');
    expect(answered.replies).toHaveLength(1);
    expectNothingPersonal(answered.replies);
    expect(text(sentTo(personal.conversationId, before))).toContain('Besoin 2/7');
    await ctx.server.store.flush();
    expect(Object.values((await ctx.server.store.read(id))?.diagnosis.answers ?? {}).map((a) => a.level)).toEqual([3]);
  });

  it('a personal menu entry pressed in the group goes to the personal chat; the menu shown in the group is nobody’s', async () => {
    const { personal, group } = await memberWithPersonalChat();
    await personal.say('diagnostic');
    await personal.say('2');
    const menu = await group.mention('menu');
    expect(buttons(menu.replies).map((b) => b.title)).toContain(content.ui.labels.diagnosis);
    expect(buttons(menu.replies).map((b) => b.title)).not.toContain(content.ui.labels.diagnosisResume);
    expectNothingPersonal(menu.replies.map((r) => ({ ...r, activity: { ...r.activity, attachments: [] } })));

    const before = ctx.connector.sent.length;
    const pressed = await group.press(content.ui.labels.report);
    expect(pressed.replies).toHaveLength(1);
    expectNothingPersonal(pressed.replies);
    expect(text(sentTo(personal.conversationId, before))).toMatch(/Mon bilan/);
  });

  it('without a personal chat, says in one line how to open one, and runs nothing', async () => {
    const stranger = ctx.user({ conversationType: 'groupChat', conversationId: GROUP });
    const before = ctx.connector.sent.length;
    for (const command of ['mes données', 'bilan', 'supprimer mes données', 'diagnostic', 'mon parcours', 'évaluation']) {
      const { replies } = await stranger.mention(command);
      expect(replies, command).toHaveLength(1);
      expect(text(replies), command).toMatch(/conversation privée/);
      expectNothingPersonal(replies);
    }
    expect(ctx.connector.sent.slice(before).every((s) => s.conversationId === GROUP)).toBe(true);
    await ctx.server.store.flush();
    expect((await ctx.server.store.read(stranger.recordId))).toBeUndefined();
  });

  it('still answers a question in the group, without moving the asker’s own pending question', async () => {
    const { personal, group } = await memberWithPersonalChat();
    await personal.say('diagnostic');
    const before = ctx.connector.sent.length;
    const { replies } = await group.mention("c'est quoi un PTCE ?");
    expect(text(replies)).toMatch(/PTCE|pôles? territoria/i);
    expect(text(replies)).toMatch(/Source/);
    expect(text(replies)).not.toContain('Besoin');
    expect(sentTo(personal.conversationId, before)).toEqual([]);
    // The diagnosis still waits at its first question in the personal chat.
    const { replies: next } = await personal.say('2');
    expect(text(next)).toContain('Besoin 2/7');
  });
});
