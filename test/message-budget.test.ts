import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_BUDGET, type OutMessage } from '../src/domain/out-message.js';
import { mainJourneys, randomWalks, type Turn } from './helpers/journeys.js';
import { tempDir } from './helpers/temp-dir.js';

/**
 * The message budget (one idea per bubble): every message's text is at most MESSAGE_BUDGET
 * characters, what is longer waits behind « Lire la suite » (`detail`), a recommended tool is a
 * compact card (title, a one-line reason, its link), and no bubble of a turn repeats a sentence
 * of another (nor its own text in its detail).
 */

/** A recommended tool's visible reason: one line, or two on a phone. */
const CARD_TEXT_BUDGET = 160;
/** Any other card (the report page's link): a few lines. */
const OTHER_CARD_BUDGET = 200;

let tmp: ReturnType<typeof tempDir>;
let turns: Turn[];
let walks: Turn[];

beforeAll(async () => {
  tmp = tempDir();
  turns = await mainJourneys(tmp.dir);
  walks = await randomWalks(tmp.dir, 25, 50);
}, 90_000);
afterAll(() => tmp.cleanup());

const where = (t: Turn) => `${t.who}, ${t.did}`;

/** Sentences of a markdown text worth comparing: markup, spaces and case folded; short ones left out. */
function sentences(text: string | undefined): string[] {
  return (text ?? '')
    .replace(/\*\*?|\[([^\]]*)\]\([^)]*\)/g, '$1')
    .split(/(?<=[.!?:])\s+(?=[\p{Lu}«])|\n+/u)
    .map((s) => s.replace(/^\s*(?:[-•]|\d+\.)\s+/, '').replace(/\s+/g, ' ').trim().toLowerCase())
    .filter((s) => s.length >= 60);
}

/** The bubbles of a turn: each message's text and its detail. */
function bubbleParts(reply: OutMessage[]): Array<{ name: string; sentences: string[] }> {
  return reply.flatMap((m, i) => [
    { name: `message ${i + 1}`, sentences: sentences(m.text) },
    { name: `message ${i + 1} (détail)`, sentences: sentences(m.detail) },
  ]);
}

/**
 * Sentences said twice in a turn: by two bubbles (or a bubble's text and its detail), or by a card
 * and a bubble. Cards are not compared with each other: each is read on its own in the carousel,
 * and tools chosen for the same need share their reason.
 */
export function repeatedSentences(reply: OutMessage[]): string[] {
  const seen = new Map<string, string>();
  const repeated: string[] = [];
  for (const part of bubbleParts(reply)) {
    for (const s of new Set(part.sentences)) {
      const first = seen.get(s);
      if (first !== undefined && first !== part.name) repeated.push(`« ${s.slice(0, 70)}… » in ${first} and ${part.name}`);
      else seen.set(s, part.name);
    }
  }
  for (const card of reply.flatMap((m) => m.cards)) {
    for (const s of new Set([...sentences(card.text), ...sentences(card.detail)])) {
      const first = seen.get(s);
      if (first !== undefined) repeated.push(`« ${s.slice(0, 70)}… » in ${first} and card « ${card.title} »`);
    }
  }
  return repeated;
}

describe('the message budget, over the main journeys of three people', () => {
  it('walks the journeys (a sanity check of the walk itself)', () => {
    expect(turns.length).toBeGreaterThan(120);
    expect(turns.some((t) => t.reply.some((m) => m.cards.length >= 3))).toBe(true);
  });

  it(`keeps every bubble's text within ${MESSAGE_BUDGET} characters (its detail aside)`, () => {
    const over = turns.flatMap((t) =>
      t.reply.filter((m) => m.text.length > MESSAGE_BUDGET).map((m) => `${where(t)}: ${m.text.length} characters « ${m.text.slice(0, 60).replace(/\n/g, ' ')}… »`),
    );
    expect(over).toEqual([]);
  });

  it(`keeps a recommended tool's reason to one line (${CARD_TEXT_BUDGET} characters), the rest in its detail`, () => {
    const tools = turns.flatMap((t) => t.reply.flatMap((m) => m.cards.filter((c) => c.detail !== undefined).map((c) => ({ t, c }))));
    expect(tools.length).toBeGreaterThan(20);
    const over = tools.filter(({ c }) => (c.text ?? '').length > CARD_TEXT_BUDGET).map(({ t, c }) => `${where(t)}: « ${c.title} » ${c.text!.length} characters`);
    const others = turns.flatMap((t) =>
      t.reply.flatMap((m) => m.cards.filter((c) => c.detail === undefined && (c.text ?? '').length > OTHER_CARD_BUDGET).map((c) => `${where(t)}: « ${c.title} » ${c.text!.length} characters`)),
    );
    expect([...over, ...others]).toEqual([]);
  });

  it('leaves no cutting mark of a template in what is shown', () => {
    const marks = turns.flatMap((t) =>
      t.reply.filter((m) => /\[\[(bulle|suite)/.test(`${m.text}${m.detail ?? ''}`)).map((m) => `${where(t)}: « ${m.text.slice(0, 60)} »`),
    );
    expect(marks).toEqual([]);
  });

  it('never repeats a sentence within a turn', () => {
    const repeated = turns.flatMap((t) => repeatedSentences(t.reply).map((r) => `${where(t)}: ${r}`));
    expect(repeated).toEqual([]);
  });

  it('catches a repeated sentence and a repeated detail (the rule itself)', () => {
    const long = 'Les alliances permettent de mobiliser les ressources nécessaires à toutes les étapes du processus.';
    const m = (text: string, detail?: string): OutMessage => ({ text, choices: [], cards: [], ...(detail ? { detail } : {}) });
    expect(repeatedSentences([m(`Titre\n\n${long}`), m(`Autre chose. ${long}`)])).toHaveLength(1);
    expect(repeatedSentences([m(long, long)])).toHaveLength(1);
    expect(repeatedSentences([m(long), m('Une autre phrase, assez longue pour compter dans la comparaison des bulles.')])).toEqual([]);
  });
});

describe('the message budget, over seeded random conversations (asides, pairing, the Jeudis…)', () => {
  it(`keeps every bubble's text within ${MESSAGE_BUDGET} characters`, () => {
    expect(walks.length).toBeGreaterThan(1000);
    const over = walks.flatMap((t) =>
      t.reply.filter((m) => m.text.length > MESSAGE_BUDGET).map((m) => `${where(t)}: ${m.text.length} characters « ${m.text.slice(0, 60).replace(/\n/g, ' ')}… »`),
    );
    expect([...new Set(over)]).toEqual([]);
  });

  it('never repeats a sentence within a turn', () => {
    const repeated = walks.flatMap((t) => repeatedSentences(t.reply).map((r) => `${where(t)}: ${r}`));
    expect(repeated).toEqual([]);
  });
});
