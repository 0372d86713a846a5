import { describe, expect, it } from 'vitest';
import { readTeamsActivity } from '../src/channels/teams/read-teams-activity.js';
import { MAX_TEXT_CHARS, renderTeams } from '../src/channels/teams/render-teams.js';
import { TeamsActivity } from '../src/channels/teams/teams-activity.js';
import { toTeamsMarkdown } from '../src/channels/teams/teams-markdown.js';
import type { SentActivity } from './helpers/fake-connector.js';
import { buttons } from './helpers/teams-client.js';

const labels = { openLink: 'Ouvrir' };

function activity(fields: Record<string, unknown>) {
  return TeamsActivity.parse({
    type: 'message',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    from: { id: '29:user', aadObjectId: 'oid-1' },
    recipient: { id: '28:bot', name: 'Compagnon' },
    conversation: { id: 'a:1', conversationType: 'personal', tenantId: 'tid-1' },
    ...fields,
  });
}

describe('Teams rendering', () => {
  it('splits a very long answer into messages under the size limit, cutting between paragraphs', () => {
    const paragraph = `${'Un partenariat se construit dans la durée, avec des objectifs partagés. '.repeat(20)}`;
    const long = Array.from({ length: 60 }, (_, i) => `Paragraphe ${i + 1}. ${paragraph}`).join('\n\n');
    const replies = renderTeams([{ text: long, choices: [{ label: 'Menu', value: 'menu' }], cards: [] }], labels);
    expect(replies.length).toBeGreaterThan(1);
    for (const r of replies) {
      expect(r.text!.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
      expect(Buffer.byteLength(JSON.stringify(r))).toBeLessThan(80_000);
      expect(r.text).toMatch(/^Paragraphe \d+\./);
    }
    expect(replies.map((r) => r.text).join('\n\n')).toBe(toTeamsMarkdown(long));
    expect(replies.at(-1)!.attachments).toHaveLength(1);
    expect(replies.slice(0, -1).every((r) => r.attachments === undefined)).toBe(true);
  });

  it('keeps list items together and puts every other line in its own paragraph', () => {
    expect(toTeamsMarkdown('Vos priorités :\n- Stratégie\n- Numérique\nÀ bientôt')).toBe('Vos priorités :\n\n- Stratégie\n- Numérique\n\nÀ bientôt');
  });

  it('lays out many choices in rows of at most 5 buttons, each sending its value back', () => {
    const choices = Array.from({ length: 8 }, (_, i) => ({ label: `Choix ${i + 1}`, value: `c${i + 1}` }));
    const [reply] = renderTeams([{ text: 'Que voulez-vous faire ?', choices, cards: [] }], labels);
    const card = reply!.attachments![0]!.content as { body: { type: string; actions: unknown[] }[] };
    expect(card.body.map((e) => e.actions.length)).toEqual([5, 3]);
    const sent = [{ conversationId: 'a:1', authorization: undefined, activity: reply }] as unknown as SentActivity[];
    expect(buttons(sent).map((b) => b.data.answer)).toEqual(choices.map((c) => c.value));
  });
});

describe('reading Teams activities', () => {
  it('takes a card press (messageBack value as a JSON string) as the button value', () => {
    const intent = readTeamsActivity(activity({ text: 'Association', value: JSON.stringify({ answer: 'actor:association', label: 'Association' }) }));
    expect(intent).toMatchObject({ kind: 'turn', inbound: { kind: 'message', text: 'Association', value: 'actor:association' } });
  });

  it('keys the user by tenant and Entra object id, so the tab finds the same record', () => {
    expect(readTeamsActivity(activity({ text: 'menu' }))).toMatchObject({ userId: 'msteams:tid-1:oid-1', personal: true });
  });

  it('removes the bot mention and Teams HTML from a channel message', () => {
    const intent = readTeamsActivity(
      activity({
        conversation: { id: '19:x', conversationType: 'channel' },
        text: '<p><at>Compagnon</at>&nbsp;c&#39;est quoi un PTCE&nbsp;?</p>',
        entities: [{ type: 'mention', text: '<at>Compagnon</at>', mentioned: { id: '28:bot' } }],
      }),
    );
    expect(intent).toMatchObject({ kind: 'turn', inbound: { kind: 'message', text: "c'est quoi un PTCE ?" }, personal: false });
  });

  it('ignores a channel message that mentions someone else', () => {
    const intent = readTeamsActivity(
      activity({
        conversation: { id: '19:x', conversationType: 'channel' },
        text: '<at>Dominique</at> tu as vu ?',
        entities: [{ type: 'mention', text: '<at>Dominique</at>', mentioned: { id: '29:other' } }],
      }),
    );
    expect(intent.kind).toBe('ignore');
  });
});
