import { describe, expect, it } from 'vitest';
import {
  appendHistory,
  HIDDEN,
  historyItems,
  jsonBytes,
  keptEntry,
  keptMessage,
  MAX_CARD_CHARS,
  MAX_CARDS,
  MAX_HISTORY_BYTES,
  MAX_HISTORY_EXCHANGES,
  MAX_REPLY_CHARS,
  MAX_SAID_CHARS,
  trimHistory,
  type HistoryEntry,
} from './conversation-history.js';
import { message } from './out-message.js';

const at = '2026-12-01T08:00:00.000Z';
const exchange = (i: number, size = 10): HistoryEntry => keptEntry({ at, said: `réponse ${i}`, replies: [message(`question ${i} ${'é'.repeat(size)}`)] });

describe('the conversation history', () => {
  it('keeps what the user said and the bot’s messages, without buttons, in order', () => {
    const entry = keptEntry({
      at,
      said: '  Association  ',
      replies: [message('Noté.'), message('Quelle taille ?', { choices: [{ label: 'PME', value: 'option:pme' }] })],
    });
    expect(entry).toEqual({ at, said: 'Association', replies: [message('Noté.'), message('Quelle taille ?')] });
    expect(historyItems([entry, keptEntry({ at, replies: [message('Bienvenue')] })])).toEqual([
      { kind: 'said', text: 'Association' },
      { kind: 'reply', message: message('Noté.') },
      { kind: 'reply', message: message('Quelle taille ?') },
      { kind: 'reply', message: message('Bienvenue') },
    ]);
  });

  it('bounds each text, the cards of a message and the messages of an exchange', () => {
    const long = 'x'.repeat(10_000);
    const cards = Array.from({ length: 12 }, (_, i) => ({ title: `Outil ${i}`, text: long, url: 'https://example.org/' }));
    const entry = keptEntry({ at, said: long, replies: Array.from({ length: 20 }, () => message(long, { cards, detail: long })) });
    expect(entry.said!.length).toBe(MAX_SAID_CHARS);
    expect(entry.said!.endsWith('…')).toBe(true);
    expect(entry.replies.length).toBeLessThanOrEqual(8);
    for (const m of entry.replies) {
      expect(m.text.length).toBe(MAX_REPLY_CHARS);
      expect(m.detail!.length).toBe(MAX_REPLY_CHARS);
      expect(m.cards).toHaveLength(MAX_CARDS);
      expect(m.cards.every((c) => c.text!.length === MAX_CARD_CHARS && c.url === 'https://example.org/')).toBe(true);
    }
  });

  it('keeps the last MAX_HISTORY_EXCHANGES exchanges', () => {
    let history: HistoryEntry[] = [];
    for (let i = 1; i <= 100; i++) history = appendHistory(history, [exchange(i)]);
    expect(history).toHaveLength(MAX_HISTORY_EXCHANGES);
    expect(history[0]!.said).toBe(`réponse ${100 - MAX_HISTORY_EXCHANGES + 1}`);
    expect(history.at(-1)!.said).toBe('réponse 100');
  });

  it('numbers each exchange as it is added, and an exchange keeps its number until it is dropped', () => {
    let history: HistoryEntry[] = [];
    for (let i = 1; i <= 45; i++) history = appendHistory(history, [exchange(i)]);
    expect(history.map((e) => e.n)).toEqual(Array.from({ length: MAX_HISTORY_EXCHANGES }, (_, i) => i + 6));
    expect(history.every((e) => e.said === `réponse ${e.n}`)).toBe(true);
    // Two at once (a Thursday prompt and the answer) follow each other.
    history = appendHistory(history, [exchange(46), exchange(47)]);
    expect(history.slice(-2).map((e) => e.n)).toEqual([46, 47]);
    // A history of an older version, without numbers, is numbered from 1, then continues.
    const old = [exchange(1), exchange(2)].map(({ n: _n, ...e }) => e);
    expect(appendHistory(old, [exchange(3)]).map((e) => e.n)).toEqual([1, 2, 3]);
  });

  it('drops the oldest exchanges beyond MAX_HISTORY_BYTES of JSON, counted in UTF-8 bytes', () => {
    let history: HistoryEntry[] = [];
    for (let i = 1; i <= 30; i++) history = appendHistory(history, [exchange(i, 1500)]);
    expect(jsonBytes(history)).toBeLessThanOrEqual(MAX_HISTORY_BYTES);
    // Each « é » is 2 bytes: counting characters would keep twice as many.
    expect(history.length).toBeLessThan(MAX_HISTORY_BYTES / 1500);
    expect(history.at(-1)!.said).toBe('réponse 30');
    expect(trimHistory(history, 2)).toEqual([]);
    for (const text of ['abc', 'é « » ', '€', 'a👍é']) expect(jsonBytes({ text })).toBe(Buffer.byteLength(JSON.stringify({ text })));
    expect(jsonBytes(trimHistory(history, 5000))).toBeLessThanOrEqual(5000);
  });

  it('hides secrets: a code typed at a secret step, a code and its link given in a message', () => {
    const typed = keptEntry({ at, said: 'ABCD-2345', secret: true, replies: [message('C’est bon.')] });
    expect(typed.said).toBe(HIDDEN);
    const given = keptMessage(
      message('Votre code : **WXYZ-6789**', { cards: [{ title: 'Continuer', text: 'lien', url: 'https://x.example/reprendre/tok.sig', linkLabel: 'Continuer' }] }),
      ['WXYZ-6789', 'tok.sig'],
    );
    expect(given.text).toBe(`Votre code : **${HIDDEN}**`);
    expect(given.cards[0]).toEqual({ title: 'Continuer', text: 'lien' });
    expect(JSON.stringify(given)).not.toMatch(/WXYZ|tok\.sig/);
  });
});
