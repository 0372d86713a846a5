import { describe, expect, it } from 'vitest';
import { content } from './helpers/conversation.js';
import { cards, onboardInTeams, text } from './helpers/teams-client.js';
import { useTeamsServer } from './helpers/test-server.js';

const ctx = useTeamsServer();

describe('a Teams user who erases their data', () => {
  it('starts afresh at their next message (their account cannot change), and their old links stay dead', async () => {
    const user = ctx.user();
    await onboardInTeams(user);
    const exported = cards((await user.say('mes données')).replies).find((c) => c.link?.url.includes('/mes-donnees/'));
    const link = exported!.link!.url;
    expect((await fetch(link)).status).toBe(200);

    await user.say('supprimer mes données');
    await user.press(content.ui.labels.eraseConfirm);
    const [id] = (await ctx.server.store.ids());
    expect(id).toBeUndefined();
    expect((await fetch(link)).status).toBe(404);

    // The same Entra account writes again: a new conversation, not an error.
    const again = await user.say('bonjour');
    expect(text(again.replies)).not.toMatch(/erreur|problème/i);
    expect(text(again.replies)).toMatch(/type d'organisation|Quel type|organisation/i);
    expect((await ctx.server.store.ids())).toHaveLength(1);
    expect((await ctx.server.store.read((await ctx.server.store.ids())[0]!))!.profile.actor).toBeUndefined();
    // The link issued to the erased record opens nothing of the new one.
    expect((await fetch(link)).status).toBe(404);
  });
});
