import { describe, expect, it } from 'vitest';
import { readTeamsActivity } from '../src/channels/teams/read-teams-activity.js';
import { ACTIONS_PER_SET, ADAPTIVE_CARD_VERSION, balancedRows, MAX_BUTTON_TITLE, MAX_TEXT_CHARS, renderTeams } from '../src/channels/teams/render-teams.js';
import { TeamsActivity } from '../src/channels/teams/teams-activity.js';
import { toTeamsMarkdown } from '../src/channels/teams/teams-markdown.js';
import type { SentActivity } from './helpers/fake-connector.js';
import { buttons } from './helpers/teams-client.js';
import { adaptiveCardProblems } from './helpers/adaptive-cards.js';
import { content } from './helpers/content.js';

const labels = { openLink: 'Ouvrir', readMore: 'Lire la suite' };

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

  it('lays out many choices in even rows of at most 6 buttons, each sending its value back', () => {
    const choices = Array.from({ length: 8 }, (_, i) => ({ label: `Choix ${i + 1}`, value: `c${i + 1}` }));
    const [reply] = renderTeams([{ text: 'Que voulez-vous faire ?', choices, cards: [] }], labels);
    const card = reply!.attachments![0]!.content as { body: { type: string; actions: unknown[] }[] };
    expect(card.body.map((e) => e.actions.length)).toEqual([4, 4]);
    const sent = [{ conversationId: 'a:1', authorization: undefined, activity: reply }] as unknown as SentActivity[];
    expect(buttons(sent).map((b) => b.data.answer)).toEqual(choices.map((c) => c.value));
  });

  it('never leaves a lone button on a row: the 6 hours on one row, the 11 weights as 6 + 5', () => {
    expect(balancedRows(content.jeudis.hours, ACTIONS_PER_SET).map((r) => r.length)).toEqual([6]);
    expect(balancedRows([...Array(11).keys()], ACTIONS_PER_SET).map((r) => r.length)).toEqual([6, 5]);
    expect(balancedRows([...Array(7).keys()], ACTIONS_PER_SET).map((r) => r.length)).toEqual([4, 3]);
    for (let n = 2; n <= 40; n++) {
      const rows = balancedRows([...Array(n).keys()], ACTIONS_PER_SET);
      expect(rows.flat()).toEqual([...Array(n).keys()]);
      expect(Math.max(...rows.map((r) => r.length)), `${n} buttons`).toBeLessThanOrEqual(ACTIONS_PER_SET);
      expect(Math.min(...rows.map((r) => r.length)), `${n} buttons`).toBeGreaterThanOrEqual(2);
    }
  });

  it('shortens a button title Teams would clip, and still shows the whole label as the user’s message', () => {
    const label = 'Parcours méthodologiques « Agir ensemble en Territoire »';
    const [reply] = renderTeams([{ text: 'Voir aussi', choices: [{ label, value: 'qa:tool:x' }], cards: [] }], labels);
    const sent = [{ conversationId: 'a:1', authorization: undefined, activity: reply }] as unknown as SentActivity[];
    const [button] = buttons(sent);
    expect(button!.title).toBe('Parcours méthodologiques « Agir…');
    expect([...button!.title].length).toBeLessThanOrEqual(MAX_BUTTON_TITLE);
    expect((button!.data.msteams as { displayText: string }).displayText).toBe(label);
  });

  it('unfolds a message’s or a card’s detail behind « Lire la suite » (Action.ShowCard)', () => {
    const [reply] = renderTeams(
      [
        {
          text: 'Le thème de la semaine.',
          detail: 'Ce que dit le kit, **en détail**.',
          detailLabel: 'Voir les 2 catégories',
          cards: [{ title: 'Un outil', text: 'Pourquoi lui.', url: 'https://example.org/outil', detail: 'Ce qu’il contient.' }],
          choices: [{ label: 'Menu', value: 'cmd:menu' }],
        },
      ],
      labels,
    );
    const card = reply!.attachments![0]!.content as { body: Array<{ type: string; actions?: Array<{ type: string; title: string; card?: { body: Array<{ text: string }> } }> }> };
    const showCards = card.body.flatMap((e) => e.actions ?? []).filter((a) => a.type === 'Action.ShowCard');
    expect(showCards.map((a) => [a.title, a.card!.body[0]!.text])).toEqual([
      ['Voir les 2 catégories', 'Ce que dit le kit, **en détail**.'],
      ['Lire la suite', 'Ce qu’il contient.'],
    ]);
    // The message's detail unfolds under its text, before the tool's card.
    expect(card.body[0]!.actions![0]!.type).toBe('Action.ShowCard');
    expect(reply!.text).toBe('Le thème de la semaine.');
  });

  it('shows several recommended tools as a carousel of compact cards, the buttons in a card under them', () => {
    const tools = Array.from({ length: 3 }, (_, i) => ({ title: `Outil ${i}`, text: 'Pourquoi lui.', url: `https://example.org/${i}`, detail: 'Ce qu’il contient.' }));
    const replies = renderTeams([{ text: 'Vos outils :', choices: [{ label: 'Menu', value: 'cmd:menu' }], cards: tools }], labels);
    expect(replies.map((r) => r.attachmentLayout ?? null)).toEqual([null, 'carousel', null]);
    expect(replies[0]!.text).toBe('Vos outils :');
    const slides = replies[1]!.attachments!.map((a) => a.content as { body: Array<{ type: string; items?: Array<{ text: string }> }> });
    expect(slides.map((c) => c.body[0]!.items![0]!.text)).toEqual(['Outil 0', 'Outil 1', 'Outil 2']);
    const under = replies[2]!.attachments![0]!.content as { body: Array<{ actions?: Array<{ title: string }> }> };
    expect(under.body.flatMap((e) => e.actions ?? []).map((a) => a.title)).toEqual(['Menu']);
  });

  it('writes cards that Microsoft’s Adaptive Cards library reads as valid 1.5, whatever the message holds', () => {
    const long = 'Rapport « Regard croisé chercheurs-praticiens sur les impacts des alliances innovantes »';
    const replies = renderTeams(
      [
        { text: 'Texte seul', choices: [], cards: [] },
        { text: '', choices: [{ label: 'Oui', value: 'yes' }], cards: [] },
        { text: 'Détail seul', detail: 'La suite', choices: [], cards: [] },
        {
          text: 'Tout',
          detail: 'La suite',
          choices: Array.from({ length: 11 }, (_, i) => ({ label: `${i} ${long}`, value: `w${i}` })),
          cards: Array.from({ length: 12 }, (_, i) => ({ title: `Outil ${i}`, subtitle: 'Guide', text: 'Pourquoi', url: `https://example.org/${i}`, linkLabel: long, detail: 'Plus' })),
        },
      ],
      labels,
    );
    const attachments = replies.flatMap((r) => r.attachments ?? []);
    expect(attachments.length).toBeGreaterThanOrEqual(4);
    for (const a of attachments) {
      expect(a.content.version).toBe(ADAPTIVE_CARD_VERSION);
      expect(adaptiveCardProblems(a.content)).toEqual([]);
    }
    // The check does find what Teams would ignore or refuse.
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Image', url: 'https://example.org/a.png', size: 'Huge' }] })).not.toEqual([]);
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: 'Ouvrir' }] }] })).not.toEqual([]);
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
