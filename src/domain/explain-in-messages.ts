import { explainAcronyms, type Acronyms } from '../text/explain-acronyms.js';
import type { OutMessage } from './out-message.js';

/**
 * Acronyms explained at their first use in each message, and in each card (a card is read on its
 * own). Button labels stay short: they are not touched.
 */
export function explainInMessages(messages: OutMessage[], acronyms: Acronyms): OutMessage[] {
  return messages.map((m) => ({
    ...m,
    text: explainAcronyms(m.text, acronyms),
    cards: m.cards.map((c) => (c.text ? { ...c, text: explainAcronyms(c.text, acronyms) } : c)),
  }));
}
